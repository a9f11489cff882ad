package io.userstore.shell.interactive;

import io.userstore.domain.StoreSettings;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.CommandExecutor;
import io.userstore.shell.output.Format;
import io.userstore.shell.output.Output;
import io.userstore.shell.script.ErrorReporter;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interactive shell driven through a dumb terminal, as a person would type. */
class InteractiveShellTest {

    private final String url = TestDatabases.freshEmbedded();
    private final Path home = TestDatabases.tempHome();

    /** Types the input, then returns everything the terminal showed. */
    private String type(String input) throws IOException {
        return type(input, false);
    }

    /** @param signals whether Ctrl-C raises SIGINT, as a real terminal does (the input must then end in exit) */
    private String type(String input, boolean signals) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
        if (signals) {
            Attributes attributes = terminal.getAttributes();
            attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
            attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
            terminal.setAttributes(attributes);
        }
        PrintStream printed = new PrintStream(screen, true, StandardCharsets.UTF_8);
        Output output = new Output(printed, printed, Format.TABLE, false, true, () -> 120);
        try (ShellContext context = new ShellContext(new StoreSettings(url, home, 1000), output)) {
            new InteractiveShell(context, new ErrorReporter(output, false, home.resolve("userstore.log")),
                    home.resolve("history"), terminal).run();
        }
        terminal.close();
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runs_commands_shows_errors_in_one_line_and_leaves_on_exit() throws IOException {
        String screen = type("user add alice --email alice@example.com\nuser add alice\nuser show alice\nexit\n"
                + "user add never\n");
        assertTrue(screen.contains("added alice (id 1)"), screen);
        assertTrue(screen.contains("error: username alice is already taken"), screen);
        assertTrue(screen.contains("alice@example.com"), screen);
        assertTrue(screen.contains("userstore(" + url.replaceAll(".*//([^/]+)/([^?]+).*", "$1/$2") + ")> ")
                || screen.contains("userstore("), screen);
        assertEquals(1, Sql.count(url, "SELECT count(*) FROM userstore.user_registry"), "nothing runs after exit");
    }

    @Test
    void ctrl_d_leaves_and_help_lists_the_commands() throws IOException {
        String screen = type("help\nhelp user add\n");
        assertTrue(screen.contains("Commands:"), screen);
        assertTrue(screen.contains("user"), screen);
        assertTrue(screen.contains("--password-hash=ENCODED"), screen);
    }

    @Test
    void ctrl_c_drops_the_line_being_typed() throws IOException {
        type("user add bob\u0003user add carol\nexit\n", true);
        assertEquals(List.of(List.of("carol")), Sql.rows(url, "SELECT username FROM userstore.user_registry"));
    }

    @Test
    void passwords_are_prompted_masked_and_never_kept_in_history() throws IOException {
        String screen = type("user add carol --password-prompt\nS3cret-pw\nS3cret-pw\n"
                + "user add dave --password hunter2-pw\nuser passwd dave --password=n3w-secret\n"
                + "user check-password carol --password S3cret-pw\nexit\n");
        assertTrue(screen.contains("Password for carol: "), screen);
        assertFalse(screen.contains("S3cret-pw\r") || screen.contains("S3cret-pw\n"), "the prompt echoes *, not the password");
        assertTrue(screen.contains("ok"), screen);
        Path history = home.resolve("history");
        String kept = Files.readString(history);
        assertFalse(kept.contains("S3cret-pw") || kept.contains("hunter2-pw") || kept.contains("n3w-secret"), kept);
        assertTrue(kept.contains("user add dave --password ***"), kept);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }

    @Test
    void completes_commands_options_usernames_and_groups() throws IOException {
        type("user add alice\nuser add albert\nuser add bob\nuser join alice Editors\nuser set bob phone=1\nexit\n");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]), screen,
                StandardCharsets.UTF_8);
        Output output = new Output(new PrintStream(screen), new PrintStream(screen), Format.TABLE, false, true, () -> 120);
        try (ShellContext context = new ShellContext(new StoreSettings(url, home, 1000), output)) {
            context.store();
            CommandExecutor executor = new CommandExecutor(context, new PrintWriter(screen));
            ShellCompleter completer = new ShellCompleter(executor.commandLine());
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            assertTrue(complete(completer, reader, "us").containsAll(List.of("user", "store")));
            assertTrue(complete(completer, reader, "user ").containsAll(List.of("add", "set", "check-password")));
            assertTrue(complete(completer, reader, "user add x --").containsAll(List.of("--email", "--password-hash")));
            assertEquals(List.of("albert", "alice", "bob"), complete(completer, reader, "user set "));
            assertTrue(complete(completer, reader, "user set bob ").contains("phone="));
            assertTrue(complete(completer, reader, "user leave alice ").contains("Editors"));
        }
        terminal.close();
    }

    private static List<String> complete(ShellCompleter completer, LineReader reader, String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(Candidate::value).sorted().distinct().toList();
    }
}

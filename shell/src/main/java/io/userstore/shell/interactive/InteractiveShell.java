package io.userstore.shell.interactive;

import io.userstore.domain.StoreUnavailableException;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.CommandExecutor;
import io.userstore.shell.command.ExitCommand;
import io.userstore.shell.output.Result;
import io.userstore.shell.script.ErrorReporter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.widget.AutosuggestionWidgets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The interactive shell: a prompt naming the store, completion from the command model,
 * suggestions from history, a history file with secrets masked, masked password prompts,
 * Ctrl-C to drop the line, Ctrl-D or {@code exit} to leave.
 */
public final class InteractiveShell {

    private final ShellContext context;
    private final ErrorReporter errors;
    private final Path historyFile;
    private final Terminal terminal;

    public InteractiveShell(ShellContext context, ErrorReporter errors, Path historyFile, Terminal terminal) {
        this.context = context;
        this.errors = errors;
        this.historyFile = historyFile;
        this.terminal = terminal;
    }

    /** Runs until exit or Ctrl-D; the exit status is 0 (the interactive shell always continues). */
    public int run() {
        CommandExecutor executor = new CommandExecutor(context, terminal.writer());
        RedactingHistory history = new RedactingHistory(historyFile);
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnEscapedNewLine(true);
        LineReader reader = LineReaderBuilder.builder()
                .appName("userstore")
                .terminal(terminal)
                .parser(parser)
                .completer(new ShellCompleter(executor.commandLine()))
                .history(history)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
        new AutosuggestionWidgets(reader).enable();
        context.secretPrompt(prompt -> reader.readLine(prompt, '*'));
        String prompt = prompt();
        terminal.writer().println("userstore on " + context.store().location()
                + " - `help` lists the commands, Tab completes, Ctrl-D leaves.");
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException ctrlC) {
                continue;
            } catch (EndOfFileException ctrlD) {
                break;
            }
            if (!runLine(executor, line)) {
                break;
            }
        }
        saveHistory(history);
        return 0;
    }

    private boolean runLine(CommandExecutor executor, String line) {
        Thread running = Thread.currentThread();
        // Ctrl-C while a command runs stops it (a build keeps what it committed), not the shell
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> running.interrupt());
        try {
            CommandExecutor.Parsed parsed = executor.parse(line);
            if (parsed != null) {
                Result result = executor.run(parsed);
                context.output().print(result);
            }
        } catch (ExitCommand.ExitRequested exit) {
            return false;
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            errors.report(null, e);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted(); // a Ctrl-C that came after the command finished is spent
        }
        terminal.flush();
        return true;
    }

    private String prompt() {
        String text = "userstore(" + context.store().location().replace(System.getProperty("user.home"), "~") + ")> ";
        boolean colour = System.getenv("NO_COLOR") == null && !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        if (!colour) {
            return text;
        }
        return new AttributedStringBuilder().style(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN))
                .append(text).style(AttributedStyle.DEFAULT).toAnsi(terminal);
    }

    private static void saveHistory(RedactingHistory history) {
        try {
            history.save();
        } catch (IOException e) {
            // history is a convenience; losing it must not fail the session
        }
    }

    public static Terminal systemTerminal() {
        try {
            return TerminalBuilder.builder().system(true).name("userstore").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.userstore.shell.command;

import io.userstore.domain.StoreSettings;
import io.userstore.domain.UserStoreException;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.projection.ProjectionList;
import io.userstore.shell.command.user.UserCommand;
import io.userstore.shell.command.user.UserShow;
import io.userstore.shell.output.Format;
import io.userstore.shell.output.Output;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line naming a group's command is parsed by that command alone; everything else, and every
 * usage error, by the whole tree, so what people see does not depend on which was built.
 */
class CommandPathTest {

    private final ShellContext context = new ShellContext(
            new StoreSettings(null, TestDatabases.tempHome(), 1000),
            new Output(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                    Format.TABLE, false, false, () -> Integer.MAX_VALUE));

    @Test
    void a_group_and_its_command_are_found_by_their_names() {
        assertEquals(Optional.of(new CommandPath(UserCommand.class, UserShow.class)),
                CommandPath.of(List.of("user", "show", "amy")));
        assertEquals(ProjectionList.Status.class, CommandPath.of(List.of("projection", "status")).orElseThrow().command());
    }

    @Test
    void top_level_commands_bare_groups_unknown_words_and_help_requests_are_left_to_the_whole_tree() {
        for (List<String> words : List.of(List.of("help", "user"), List.of("exit"), List.of("user"),
                List.of("usr", "show", "amy"), List.of("user", "shwo"), List.of("user", "show", "--help"),
                List.of("user", "show", "-h"))) {
            assertTrue(CommandPath.of(words).isEmpty(), String.join(" ", words));
        }
    }

    @Test
    void only_lines_naming_a_store_command_open_the_store_ahead_of_them() {
        assertTrue(CommandExecutor.worksOnStore("user show amy"));
        assertTrue(CommandExecutor.worksOnStore("store info"));
        assertFalse(CommandExecutor.worksOnStore("help user"));
        assertFalse(CommandExecutor.worksOnStore("usr show amy"));
        assertFalse(CommandExecutor.worksOnStore("user show 'amy"));
    }

    @Test
    void the_command_alone_parses_what_the_whole_tree_would() {
        CommandExecutor executor = executor();
        CommandExecutor.Parsed parsed = executor.parse("user show amy --as-of 2026-01-01T00:00:00Z");
        assertInstanceOf(UserShow.class, parsed.leaf().getCommand());
        assertEquals("user show", parsed.leaf().getCommandSpec().qualifiedName(" ").trim());
    }

    @Test
    void usage_errors_read_as_the_whole_tree_words_them() {
        CommandExecutor executor = executor();
        assertEquals("missing required parameter: 'USERNAME'; see `user show --help`",
                assertThrows(UserStoreException.class, () -> executor.parse("user show")).getMessage());
        assertEquals("unknown option: '--bogus'; see `user show --help`",
                assertThrows(UserStoreException.class, () -> executor.parse("user show amy --bogus")).getMessage());
        assertEquals("invalid value for option '--limit': 'x' is not an int; see `user list --help`",
                assertThrows(UserStoreException.class, () -> executor.parse("user list --limit x")).getMessage());
    }

    private CommandExecutor executor() {
        return new CommandExecutor(context, new PrintWriter(new ByteArrayOutputStream(), true));
    }
}

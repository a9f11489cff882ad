package io.userstore.shell.command;

import io.userstore.shell.command.user.UserCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** Every verb the shell, scripts and {@code -c} accept. */
@Command(name = "", description = "Commands (type `help COMMAND` or `COMMAND --help` for details):",
        subcommands = {UserCommand.class, StoreCommand.class, HelpCommand.class, ExitCommand.class})
public final class RootCommand {
}

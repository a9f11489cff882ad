package io.userstore.shell.command;

import io.userstore.shell.command.projection.ProjectionCommand;
import io.userstore.shell.command.user.UserCommand;
import picocli.CommandLine.Command;

/** Every verb the shell, scripts and {@code -c} accept. */
@Command(name = "", customSynopsis = "COMMAND [SUBCOMMAND] [OPTIONS] [ARGUMENTS]",
        description = "Type `help COMMAND` or `COMMAND --help` for details; Tab completes.",
        commandListHeading = "%nCommands:%n",
        subcommands = {UserCommand.class, ProjectionCommand.class, ImportCommand.class, DjangoCommand.class, StoreCommand.class, HelpCommand.class, ExitCommand.class})
public final class RootCommand {
}

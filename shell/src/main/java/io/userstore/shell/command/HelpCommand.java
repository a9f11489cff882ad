package io.userstore.shell.command;

import io.userstore.domain.UserStoreException;
import io.userstore.shell.output.Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code help [COMMAND...]}: the usage of any command, however deep ({@code help user add}). */
@Command(name = "help", description = "Shows the commands, or how to use one: help user add.")
public final class HelpCommand implements Callable<Result> {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command and its subcommands.")
    List<String> path = new ArrayList<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Result call() {
        CommandLine target = spec.parent().commandLine();
        for (String word : path) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                throw new UserStoreException("no command '" + String.join(" ", path) + "'; `help` lists the commands");
            }
            target = sub;
        }
        target.usage(spec.commandLine().getOut());
        return Result.NONE;
    }
}

package io.userstore.shell.interactive;

import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * Completes from the picocli model: commands and subcommands, option names, and the values of
 * options and positional parameters from their {@code completionCandidates} (usernames, groups,
 * attribute keys, ...) or, for paths, from the file system. picocli-shell-jline3's own completer
 * stops at option names.
 */
final class ShellCompleter implements Completer {

    private final CommandLine root;
    private final Completer files = new Completers.FileNameCompleter();

    ShellCompleter(CommandLine root) {
        this.root = root;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words().subList(0, line.wordIndex());
        CommandLine command = root;
        int positional = 0;
        ArgSpec expectingValue = null;
        for (String word : words) {
            if (expectingValue != null) {
                expectingValue = null;
                continue;
            }
            CommandLine sub = positional == 0 ? subcommand(command, word) : null;
            if (sub != null) {
                command = sub;
                continue;
            }
            OptionSpec option = word.startsWith("-") ? command.getCommandSpec().findOption(word) : null;
            if (option != null) {
                expectingValue = option.arity().max() > 0 ? option : null;
            } else if (!word.startsWith("-")) {
                positional++;
            }
        }
        String current = line.word().substring(0, line.wordCursor());
        if (expectingValue != null) {
            values(reader, line, expectingValue, candidates);
        } else if (current.startsWith("-")) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    candidates.add(new Candidate(name, name, null, first(option.description()), null, null, true));
                }
            }
        } else if (positional == 0 && !command.getSubcommands().isEmpty()) {
            command.getSubcommands().forEach((name, sub) -> candidates.add(new Candidate(name, name, null,
                    first(sub.getCommandSpec().usageMessage().description()), null, null, true)));
        } else {
            PositionalParamSpec parameter = positional(command.getCommandSpec(), positional);
            if (parameter != null) {
                values(reader, line, parameter, candidates);
            }
        }
    }

    private void values(LineReader reader, ParsedLine line, ArgSpec arg, List<Candidate> candidates) {
        if (arg.completionCandidates() != null) {
            for (String value : arg.completionCandidates()) {
                boolean complete = !value.endsWith("=");
                candidates.add(new Candidate(value, value, null, null, null, null, complete));
            }
        } else if (Path.class.isAssignableFrom(arg.type()) || java.io.File.class.isAssignableFrom(arg.type())) {
            files.complete(reader, line, candidates);
        }
    }

    private static CommandLine subcommand(CommandLine command, String word) {
        return command.getSubcommands().get(word);
    }

    private static PositionalParamSpec positional(CommandSpec spec, int index) {
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (parameter.index().contains(index)) {
                return parameter;
            }
        }
        return null;
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? null : lines[0];
    }
}

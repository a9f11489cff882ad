package io.userstore.shell.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A line's group and command ({@code user show}), found by the names in their {@code @Command}
 * annotations, and built alone: picocli makes the model of every command in a tree it is given,
 * which costs a one-shot command more than the work it came for.
 */
record CommandPath(Class<?> group, Class<?> command) {

    /**
     * The group and command the line's first two words name; empty for anything else (a
     * top-level command such as {@code help}, a word no command has, or a request for help, which
     * the whole tree answers).
     */
    static Optional<CommandPath> of(List<String> words) {
        if (words.size() < 2 || words.contains("-h") || words.contains("--help")) {
            return Optional.empty();
        }
        return named(RootCommand.class, words.get(0)).filter(group -> subcommands(group).length > 0)
                .flatMap(group -> named(group, words.get(1)).filter(command -> subcommands(command).length == 0)
                        .map(command -> new CommandPath(group, command)));
    }

    /** {@code user show} */
    String name() {
        return name(group) + " " + name(command);
    }

    /** A root holding the group, which holds only the command. */
    CommandLine build(CommandLine.IFactory factory) {
        CommandLine command = new CommandLine(this.command, factory);
        CommandLine group = new CommandLine(CommandSpec.create().name(name(this.group)));
        group.addSubcommand(name(this.command), command);
        CommandLine root = new CommandLine(CommandSpec.create().name(""));
        root.addSubcommand(name(this.group), group);
        return root;
    }

    private static Optional<Class<?>> named(Class<?> parent, String word) {
        return Arrays.stream(subcommands(parent)).filter(child -> {
            Command annotation = child.getAnnotation(Command.class);
            return annotation.name().equals(word) || Arrays.asList(annotation.aliases()).contains(word);
        }).findFirst();
    }

    private static Class<?>[] subcommands(Class<?> command) {
        return command.getAnnotation(Command.class).subcommands();
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}

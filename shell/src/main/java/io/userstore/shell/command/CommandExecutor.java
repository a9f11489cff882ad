package io.userstore.shell.command;

import io.userstore.domain.UserStoreException;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import io.userstore.shell.script.Secrets;
import io.userstore.shell.script.ShellWords;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Parses one command line with picocli and runs it, handing its result back instead of
 * printing it, and its failure as an exception with a message people can act on.
 */
public final class CommandExecutor {

    private final ContextFactory factory;
    private final PrintWriter helpOut;
    /** Every command, built when a line needs more than its own command (help, completion, errors). */
    private CommandLine root;
    /** Roots holding one command each ({@link CommandPath}), for the lines that need only theirs, by its name. */
    private final Map<String, CommandLine> alone = new HashMap<>();

    public CommandExecutor(ShellContext context, PrintWriter helpOut) {
        this.factory = new ContextFactory(context);
        this.helpOut = helpOut;
    }

    /** Whether the line names a command of a group ({@code user show}, ...): those work on the store. */
    public static boolean worksOnStore(String line) {
        try {
            return CommandPath.of(ShellWords.split(line)).isPresent();
        } catch (UserStoreException unbalancedQuotes) {
            return false;
        }
    }

    public CommandLine commandLine() {
        if (root == null) {
            root = configured(new CommandLine(new RootCommand(), factory));
        }
        return root;
    }

    private CommandLine configured(CommandLine commandLine) {
        commandLine.setOut(helpOut);
        commandLine.setErr(helpOut);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setInterpolateVariables(false); // no ${...} in our help texts; it costs time on every parse
        addHelpOption(commandLine);
        return commandLine;
    }

    /** Every command gets --help (and only that: picocli's standard mixin would add --version too). */
    private static void addHelpOption(CommandLine command) {
        if (command.getCommandSpec().findOption("--help") == null && !command.getCommandName().isEmpty()) {
            command.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                    .usageHelp(true).description("Show how to use this command.").build());
        }
        command.getSubcommands().values().stream().distinct().forEach(CommandExecutor::addHelpOption);
    }

    /** A parsed line, ready to run; parse and run one line at a time (commands are reused). */
    public record Parsed(ParseResult parseResult, CommandLine leaf) {
        public boolean batchable() {
            return leaf.getCommand() instanceof Batchable;
        }
    }

    public Parsed parse(String line) {
        List<String> words = ShellWords.split(line);
        if (words.isEmpty()) {
            return null;
        }
        String[] args = words.toArray(String[]::new);
        Optional<CommandPath> path = CommandPath.of(words);
        if (path.isPresent()) {
            try {
                CommandLine own = alone.computeIfAbsent(path.get().name(), name -> configured(path.get().build(factory)));
                return parsed(own.parseArgs(args));
            } catch (CommandLine.ParameterException e) {
                // worded by the whole tree below, as for any other line
            }
        }
        try {
            return parsed(commandLine().parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            throw new UserStoreException(masked(e, describe(e, words), Secrets.in(words)));
        }
    }

    /** The message without the line's secrets; secret words left over mean a password typed with spaces. */
    private static String masked(CommandLine.ParameterException e, String message, Set<String> secrets) {
        String masked = Secrets.mask(message, secrets);
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-") && unmatched.getUnmatched().stream().anyMatch(secrets::contains)) {
            return masked.replaceFirst("; see `", "; a password with spaces goes in quotes; see `");
        }
        return masked;
    }

    private static Parsed parsed(ParseResult result) {
        List<CommandLine> path = result.asCommandLineList();
        return new Parsed(result, path.get(path.size() - 1));
    }

    public Result run(Parsed parsed) {
        if (CommandLine.executeHelpRequest(parsed.parseResult()) != null) {
            return Result.NONE;
        }
        Object command = parsed.leaf().getCommand();
        if (command instanceof Callable<?> callable) {
            try {
                Object result = callable.call();
                return result instanceof Result r ? r : Result.NONE;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (command instanceof Runnable runnable) {
            runnable.run();
            return Result.NONE;
        }
        String group = commandPath(parsed.leaf());
        throw new UserStoreException(group + " needs a command: " + String.join(", ", parsed.leaf().getSubcommands()
                .keySet()) + "; `help " + group + "` says what each does");
    }

    private static String describe(CommandLine.ParameterException e, List<String> words) {
        CommandLine at = e.getCommandLine();
        String command = commandPath(at);
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !at.getSubcommands().isEmpty()
                && unmatched.getUnmatched().size() > 0 && !unmatched.getUnmatched().get(0).startsWith("-")) {
            List<String> suggestions = unmatched.getSuggestions();
            String typed = (command.isEmpty() ? "" : command + " ") + unmatched.getUnmatched().get(0);
            return "unknown command '" + typed + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
                    + (command.isEmpty() ? " `help` lists the commands" : " `help " + command + "` lists them");
        }
        String message = e.getMessage();
        message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        return message + "; see `" + (command.isEmpty() ? "help" : command + " --help") + "`";
    }

    private static String commandPath(CommandLine commandLine) {
        String path = commandLine.getCommandSpec().qualifiedName(" ").trim();
        return path;
    }
}

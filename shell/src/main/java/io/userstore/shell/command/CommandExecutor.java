package io.userstore.shell.command;

import io.userstore.domain.UserStoreException;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import io.userstore.shell.script.Secrets;
import io.userstore.shell.script.ShellWords;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Parses one command line with picocli and runs it, handing its result back instead of
 * printing it, and its failure as an exception with a message people can act on.
 */
public final class CommandExecutor {

    private final CommandLine root;

    public CommandExecutor(ShellContext context, PrintWriter helpOut) {
        root = new CommandLine(new RootCommand(), new ContextFactory(context));
        root.setOut(helpOut);
        root.setErr(helpOut);
        root.setCaseInsensitiveEnumValuesAllowed(true);
    }

    public CommandLine commandLine() {
        return root;
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
        try {
            ParseResult result = root.parseArgs(words.toArray(String[]::new));
            List<CommandLine> path = result.asCommandLineList();
            return new Parsed(result, path.get(path.size() - 1));
        } catch (CommandLine.ParameterException e) {
            throw new UserStoreException(Secrets.mask(describe(e, words), Secrets.in(words)));
        }
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
        parsed.leaf().usage(parsed.leaf().getOut());
        return Result.NONE;
    }

    private static String describe(CommandLine.ParameterException e, List<String> words) {
        String command = commandPath(e.getCommandLine());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && command.isEmpty()) {
            List<String> suggestions = unmatched.getSuggestions();
            return "unknown command '" + words.get(0) + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
                    + " `help` lists the commands";
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

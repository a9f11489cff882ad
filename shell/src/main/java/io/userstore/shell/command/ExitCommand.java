package io.userstore.shell.command;

import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Ends the shell or the script; what ran before it stays done. */
@Command(name = "exit", aliases = "quit", description = "Leaves the shell.")
public final class ExitCommand implements Callable<Result> {

    /** Thrown to unwind to the loop that reads commands. */
    public static final class ExitRequested extends RuntimeException {
        public ExitRequested() {
            super("exit", null, false, false);
        }
    }

    @Override
    public Result call() {
        throw new ExitRequested();
    }
}

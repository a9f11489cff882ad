package io.userstore.shell.script;

import io.userstore.domain.Failures;
import io.userstore.domain.UserStoreException;
import io.userstore.shell.output.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Turns a failure into the one line people see ({@code WHERE: error: MESSAGE}); the stack trace
 * goes to the log file, and to the terminal only with {@code --debug}.
 */
public final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private final Output output;
    private final boolean debug;
    private final Path logFile;

    public ErrorReporter(Output output, boolean debug, Path logFile) {
        this.output = output;
        this.debug = debug;
        this.logFile = logFile;
    }

    public void report(String where, Throwable e) {
        String message = message(e);
        output.error((where == null ? "" : where + ": ") + "error: " + message);
        if (!(e instanceof UserStoreException) || debug) {
            LOG.error("{}{}", where == null ? "" : where + ": ", message, Failures.redacted(e));
        }
        if (debug) {
            e.printStackTrace(output.err());
        }
    }

    private String message(Throwable e) {
        if (e instanceof UserStoreException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + Failures.describe(e)
                + " (a bug; the stack trace is in " + logFile + ", or run with --debug)";
    }
}

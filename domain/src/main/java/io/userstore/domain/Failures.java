package io.userstore.domain;

import org.axonframework.modelling.command.ConcurrencyException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;

/** What kind of failure an exception is (for those who decide whether to try again), and how to speak of it safely. */
public final class Failures {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 200;
    private static final int MESSAGE_LIMIT = 300;

    private Failures() {
    }

    /**
     * Another writer got there first: Axon's sequence numbers clashed, or PostgreSQL chose this
     * transaction to end a deadlock or a serialization conflict (a writer from SQL and one from
     * here on the same user). Either way, trying again on the fresh state is right.
     */
    public static boolean lostARace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
            if (cause instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The server went away (connection errors, the server shutting down), rather than refusing something. */
    public static boolean lostTheServer(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line about an unexpected failure that is safe to show and to store: for a database
     * error its SQLSTATE, the names of the constraint, table and column, and the server's primary
     * message with quoted values masked; never the SQL, its parameters or the server's detail
     * (which may hold values a user wrote, sealed payloads among them).
     */
    public static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return describe(sql, true);
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int original = message.indexOf("Original message:");
        if (original >= 0) {
            message = message.substring(0, original);
        }
        message = message.replaceAll("\\s*\\R\\s*", " ").strip();
        return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "..." : message;
    }

    /**
     * The failure as it can go to a log: the same classes and stack traces, every message as
     * {@link #describe} would give it, and database errors with their names only.
     */
    public static Throwable redacted(Throwable e) {
        if (e == null) {
            return null;
        }
        String message = e instanceof SQLException sql ? describe(sql, false)
                : causedByTheDatabase(e.getCause()) ? "" : describe(withoutCause(e));
        Redacted copy = new Redacted(e.getClass().getName() + (message.isEmpty() ? "" : ": " + message),
                e.getCause() == e ? null : redacted(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static String describe(SQLException failure, boolean withPrimaryMessage) {
        SQLException sql = failure;
        // a failed JDBC batch says which statement failed, parameters and all; the server's error is the next one
        while (!(sql instanceof PSQLException) && sql.getNextException() != null) {
            sql = sql.getNextException();
        }
        StringBuilder text = new StringBuilder("SQLSTATE ").append(sql.getSQLState());
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            appendName(text, "constraint", server.getConstraint());
            appendName(text, "table", server.getTable());
            appendName(text, "column", server.getColumn());
            if (withPrimaryMessage && server.getMessage() != null) {
                text.append(": ").append(server.getMessage().replaceAll("\"[^\"]*\"|'[^']*'", "\"...\""));
            }
        } else if (withPrimaryMessage && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            text.append(": the connection failed");
        }
        return text.toString();
    }

    /** Whether a database error is below: wrappers then repeat its message, detail and all. */
    private static boolean causedByTheDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static void appendName(StringBuilder text, String what, String name) {
        if (name != null) {
            text.append(' ').append(what).append(' ').append(name);
        }
    }

    private static Throwable withoutCause(Throwable e) {
        return new Throwable(e.getMessage());
    }

    /** A logged stand-in for a failure whose messages may not be kept. */
    private static final class Redacted extends Throwable {
        Redacted(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** A short, growing, random pause before attempt {@code attempt + 1}, so racing writers drift apart. */
    public static void pauseBeforeRetry(int attempt) {
        long longest = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, longest + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserStoreException("stopped while waiting to retry");
        }
    }
}

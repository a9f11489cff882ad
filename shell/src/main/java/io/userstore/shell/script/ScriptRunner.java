package io.userstore.shell.script;

import io.userstore.domain.Batch;
import io.userstore.domain.Failures;
import io.userstore.domain.UserStoreException;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.CommandExecutor;
import io.userstore.shell.command.ExitCommand;
import io.userstore.shell.output.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs commands from a script, stdin or {@code -c}. Consecutive store commands run in batches
 * (one transaction each) so a long script costs few commits; each command still stands alone:
 * when one fails, its batch is rolled back and run again line by line, so exactly the failing
 * lines change nothing. With {@code -1} everything is one transaction: the first failure undoes
 * all, what the commands print waits for the commit, and when another writer changed the same
 * users first the whole script runs again on the fresh state. When the server goes away, the
 * script stops there, says what was stored, and the exit status is 2.
 */
public final class ScriptRunner {

    static final int BATCH_SIZE = 1000;
    static final int STORE_LOST = 2;
    private static final int WHOLE_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    private final ShellContext context;
    private final CommandExecutor executor;
    private final ScriptOptions options;
    private final ErrorReporter errors;
    private final List<Pending> batchLines = new ArrayList<>();
    /** With -1: what the commands printed, shown once the transaction commits. */
    private final List<Result> held = new ArrayList<>();
    private Batch batch;
    private ScriptLine current;
    private ScriptLine lastStored;
    /** When the server was lost: the first line whose work was not stored. */
    private ScriptLine resume;
    private int run;
    private int failed;
    private int stored;
    private boolean stopped;

    private record Pending(ScriptLine line, Result result) {
    }

    /** Another writer changed the same users first, inside a -1 script: it runs again from the top. */
    private static final class RaceLost extends RuntimeException {
        RaceLost(Throwable cause) {
            super(cause);
        }
    }

    public ScriptRunner(ShellContext context, CommandExecutor executor, ScriptOptions options, ErrorReporter errors) {
        this.context = context;
        this.executor = executor;
        this.options = options;
        this.errors = errors;
    }

    /**
     * Runs every line and returns the exit status: 0 all succeeded, 1 some failed, 2 the store
     * was lost on the way.
     *
     * @param moreWithoutWaiting whether the next line can be read without blocking (stdin fed by
     *                           a program that waits for our answer must get it before we block)
     */
    public int run(Iterator<ScriptLine> lines, BooleanSupplier moreWithoutWaiting) {
        long started = System.nanoTime();
        try {
            if (options.singleTransaction()) {
                runWhole(lines, moreWithoutWaiting);
            } else {
                runLines(lines, moreWithoutWaiting);
            }
        } catch (RuntimeException e) {
            if (!Failures.lostTheServer(e)) {
                throw e;
            }
            abandonBatch();
            reportLostStore(resume != null ? resume : current, started);
            return STORE_LOST;
        }
        if (options.summary()) {
            context.output().note(String.format("%d command%s run, %d failed, in %.2f s",
                    run, run == 1 ? "" : "s", failed, seconds(started)));
        }
        return failed > 0 ? 1 : 0;
    }

    private void runLines(Iterator<ScriptLine> lines, BooleanSupplier moreWithoutWaiting) {
        try {
            while (!stopped && lines.hasNext()) {
                runLine(lines.next());
                if (!moreWithoutWaiting.getAsBoolean() || batchLines.size() >= BATCH_SIZE) {
                    commitBatch();
                }
            }
            commitBatch();
        } finally {
            abandonBatch();
        }
    }

    /** The whole script in one transaction, run again from its first line when it lost a race. */
    private void runWhole(Iterator<ScriptLine> lines, BooleanSupplier moreWithoutWaiting) {
        List<ScriptLine> seen = new ArrayList<>();
        Iterator<ScriptLine> reading = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public ScriptLine next() {
                ScriptLine line = lines.next();
                seen.add(line);
                return line;
            }
        };
        for (int attempt = 1; ; attempt++) {
            List<ScriptLine> again = List.copyOf(seen);
            run = 0;
            failed = 0;
            stopped = false;
            held.clear();
            Batch whole = context.store().beginTransaction();
            try {
                runLines(concat(again.iterator(), reading), moreWithoutWaiting);
                finishWhole(whole);
                return;
            } catch (RaceLost race) {
                rollbackQuietly(whole);
                if (attempt == WHOLE_ATTEMPTS) {
                    failed++;
                    errors.report(where(current), new UserStoreException("other writers kept changing the same users"
                            + " while the script ran " + WHOLE_ATTEMPTS + " times; nothing was stored, run it again"));
                    return;
                }
                LOG.info("a -1 script lost a race with another writer (attempt {}); running it again", attempt);
                Failures.pauseBeforeRetry(attempt);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(whole);
                throw e;
            }
        }
    }

    private void runLine(ScriptLine line) {
        current = line;
        if (line.problem() != null) {
            run++;
            fail(line, new UserStoreException(line.problem()));
            return;
        }
        CommandExecutor.Parsed parsed;
        try {
            parsed = executor.parse(line.text());
        } catch (RuntimeException e) {
            run++;
            fail(line, e);
            return;
        }
        if (parsed == null) {
            return;
        }
        run++;
        if (!parsed.batchable()) {
            commitBatch();
            if (!stopped) {
                runAlone(line, parsed);
            }
            return;
        }
        if (batch == null) {
            batch = context.store().beginBatch("script batch");
        }
        try {
            batchLines.add(new Pending(line, executor.run(parsed)));
        } catch (RuntimeException e) {
            escalate(e);
            batch.rollback();
            batch = null;
            if (options.singleTransaction()) {
                fail(line, e);
                return;
            }
            List<ScriptLine> again = pendingLines();
            again.add(line);
            replayAlone(again);
        }
    }

    private void commitBatch() {
        if (batch == null) {
            return;
        }
        Batch committing = batch;
        batch = null;
        try {
            committing.commit();
        } catch (RuntimeException e) {
            escalate(e);
            if (options.singleTransaction()) {
                Pending last = batchLines.get(batchLines.size() - 1);
                batchLines.clear();
                fail(last.line(), e);
                return;
            }
            replayAlone(pendingLines());
            return;
        }
        for (Pending pending : batchLines) {
            report(pending.line(), pending.result());
        }
        batchLines.clear();
    }

    private List<ScriptLine> pendingLines() {
        List<ScriptLine> lines = new ArrayList<>();
        batchLines.forEach(pending -> lines.add(pending.line()));
        batchLines.clear();
        return lines;
    }

    /** Runs lines one transaction each, as if they had never been batched. */
    private void replayAlone(List<ScriptLine> lines) {
        for (ScriptLine line : lines) {
            if (stopped) {
                return;
            }
            current = line;
            CommandExecutor.Parsed parsed;
            try {
                parsed = executor.parse(line.text());
            } catch (RuntimeException e) {
                fail(line, e);
                continue;
            }
            runAlone(line, parsed);
        }
    }

    private void runAlone(ScriptLine line, CommandExecutor.Parsed parsed) {
        try {
            report(line, executor.run(parsed));
        } catch (ExitCommand.ExitRequested exit) {
            stopped = true;
        } catch (RuntimeException e) {
            escalate(e);
            fail(line, e);
        }
    }

    /** A lost server ends the script; a lost race in -1 runs it again. Anything else is the line's own failure. */
    private void escalate(RuntimeException e) {
        if (Failures.lostTheServer(e)) {
            resume = batchLines.isEmpty() ? current : batchLines.get(0).line();
            throw e;
        }
        if (options.singleTransaction() && Failures.lostARace(e)) {
            throw new RaceLost(e);
        }
    }

    private void report(ScriptLine line, Result result) {
        if (!result.succeeded()) {
            failed++;
        }
        if (options.singleTransaction()) {
            held.add(result);
            return;
        }
        context.output().print(result);
        if (result.succeeded()) {
            stored++;
            lastStored = line;
        }
    }

    private void fail(ScriptLine line, RuntimeException e) {
        if (e instanceof ExitCommand.ExitRequested) {
            stopped = true;
            return;
        }
        failed++;
        errors.report(where(line), e);
        if (options.stopOnError() || options.singleTransaction()) {
            stopped = true;
        }
    }

    private void finishWhole(Batch whole) {
        if (failed > 0) {
            rollbackQuietly(whole);
            held.stream().filter(result -> !result.succeeded()).forEach(context.output()::print);
            context.output().note("nothing was stored: the script runs as one transaction (-1) and a command failed");
            return;
        }
        try {
            whole.commit();
        } catch (RuntimeException e) {
            escalate(e);
            throw e;
        }
        held.forEach(context.output()::print);
        held.clear();
    }

    private void abandonBatch() {
        batchLines.clear();
        if (batch != null) {
            Batch abandoned = batch;
            batch = null;
            rollbackQuietly(abandoned);
        }
    }

    /** @param resume the first line whose work was not stored */
    private void reportLostStore(ScriptLine resume, long started) {
        boolean whole = options.singleTransaction();
        errors.report(where(current), new UserStoreException("lost the connection to " + context.store().describe()
                + "; check that the server runs, then go on from " + (whole || resume == null ? "the start"
                : options.showWhere() ? resume.where() : "this command")));
        if (!options.summary()) {
            return;
        }
        String kept = whole ? "nothing was stored (the script runs as one transaction, -1)"
                : stored == 0 ? "nothing was stored"
                : stored + " command" + (stored == 1 ? " was" : "s were") + " done and stored, through "
                + lastStored.where() + "; the rest were not";
        context.output().note(String.format("%s; stopped after %.2f s", kept, seconds(started)));
    }

    private String where(ScriptLine line) {
        return options.showWhere() && line != null ? line.where() : null;
    }

    private static void rollbackQuietly(Batch batch) {
        try {
            batch.rollback();
        } catch (RuntimeException e) {
            LOG.warn("a rollback failed (the server ends the transaction anyway): {}", Failures.describe(e));
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> then) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || then.hasNext();
            }

            @Override
            public T next() {
                return first.hasNext() ? first.next() : then.next();
            }
        };
    }
}

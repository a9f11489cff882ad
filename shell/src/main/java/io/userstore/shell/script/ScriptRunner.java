package io.userstore.shell.script;

import io.userstore.domain.StoreUnavailableException;
import io.userstore.domain.Batch;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.CommandExecutor;
import io.userstore.shell.command.ExitCommand;
import io.userstore.shell.output.Result;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs commands from a script, stdin or {@code -c}. Consecutive store commands run in batches
 * (one transaction each) so a long script costs few commits; each command still stands alone:
 * when one fails, its batch is rolled back and run again line by line, so exactly the failing
 * lines change nothing. With {@code -1} everything is one transaction and the first failure
 * undoes all.
 */
public final class ScriptRunner {

    static final int BATCH_SIZE = 1000;

    private final ShellContext context;
    private final CommandExecutor executor;
    private final ScriptOptions options;
    private final ErrorReporter errors;
    private final List<Pending> batchLines = new ArrayList<>();
    private Batch batch;
    private int run;
    private int failed;
    private boolean stopped;

    private record Pending(ScriptLine line, Result result) {
    }

    public ScriptRunner(ShellContext context, CommandExecutor executor, ScriptOptions options, ErrorReporter errors) {
        this.context = context;
        this.executor = executor;
        this.options = options;
        this.errors = errors;
    }

    /**
     * Runs every line and returns the exit status: 0 all succeeded, 1 some failed.
     *
     * @param moreWithoutWaiting whether the next line can be read without blocking (stdin fed by
     *                           a program that waits for our answer must get it before we block)
     */
    public int run(Iterator<ScriptLine> lines, BooleanSupplier moreWithoutWaiting) {
        long started = System.nanoTime();
        Batch whole = options.singleTransaction() ? context.store().beginTransaction() : null;
        try {
            while (!stopped && lines.hasNext()) {
                ScriptLine line = lines.next();
                runLine(line);
                if (!moreWithoutWaiting.getAsBoolean() || batchLines.size() >= BATCH_SIZE) {
                    commitBatch();
                }
            }
            commitBatch();
        } finally {
            if (batch != null) {
                batch.rollback();
                batch = null;
            }
            if (whole != null) {
                finishWhole(whole);
            }
        }
        if (options.summary()) {
            summarize(started);
        }
        return failed > 0 ? 1 : 0;
    }

    private void runLine(ScriptLine line) {
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
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
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
            try {
                runAlone(line, executor.parse(line.text()));
            } catch (RuntimeException e) {
                fail(line, e);
            }
        }
    }

    private void runAlone(ScriptLine line, CommandExecutor.Parsed parsed) {
        try {
            report(line, executor.run(parsed));
        } catch (ExitCommand.ExitRequested exit) {
            stopped = true;
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(line, e);
        }
    }

    private void report(ScriptLine line, Result result) {
        context.output().print(result);
        if (!result.succeeded()) {
            failed++;
        }
    }

    private void fail(ScriptLine line, RuntimeException e) {
        if (e instanceof ExitCommand.ExitRequested) {
            stopped = true;
            return;
        }
        failed++;
        errors.report(options.showWhere() ? line.where() : null, e);
        if (options.stopOnError() || options.singleTransaction()) {
            stopped = true;
        }
    }

    private void finishWhole(Batch whole) {
        if (failed > 0) {
            whole.rollback();
            context.output().note("nothing was stored: the script runs as one transaction (-1) and a command failed");
        } else {
            whole.commit();
        }
    }

    private void summarize(long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        context.output().note(String.format("%d command%s run, %d failed, in %.2f s",
                run, run == 1 ? "" : "s", failed, seconds));
    }
}

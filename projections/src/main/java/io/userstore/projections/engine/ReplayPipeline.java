package io.userstore.projections.engine;

import io.userstore.domain.log.LoggedUser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The replay's three stages: one thread reads users from the log, a small pool folds them and
 * renders their rows chunk by chunk, and the caller writes the chunks in log order. The queue
 * between them is bounded, so memory stays flat; order is kept, so the committed position is
 * always a prefix of the log.
 */
final class ReplayPipeline implements AutoCloseable {

    static final int USERS_PER_CHUNK = 500;
    private static final int CHUNKS_IN_FLIGHT = 4;
    private static final long READER_STOP_MILLIS = 10_000;

    /** A chunk's rows, ready to COPY, and where in the log it ends. */
    record Chunk(VersionTables.Sink rows, String lastAggregate, long events, int users) {
    }

    /** Reads raw users into the given consumer (on the reading thread). */
    @FunctionalInterface
    interface Reader {
        void read(java.util.function.Consumer<LoggedUser> users) throws Exception;
    }

    private static final Future<Chunk> END = CompletableFuture.completedFuture(null);

    private final ExecutorService folders;
    private final Thread readerThread;
    private final BlockingQueue<Future<Chunk>> chunks = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
    private volatile boolean closed;

    ReplayPipeline(Reader reader, FoldedUsers folds, VersionTables tables, DjangoIds ids) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        folders = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "userstore-replay-fold");
            thread.setDaemon(true);
            return thread;
        });
        readerThread = new Thread(() -> {
            List<LoggedUser> pending = new ArrayList<>(USERS_PER_CHUNK);
            try {
                reader.read(user -> {
                    pending.add(user);
                    if (pending.size() == USERS_PER_CHUNK) {
                        submit(List.copyOf(pending), folds, tables, ids);
                        pending.clear();
                    }
                });
                if (!pending.isEmpty()) {
                    submit(List.copyOf(pending), folds, tables, ids);
                }
                put(END);
            } catch (Exception e) {
                if (!closed) {
                    put(CompletableFuture.failedFuture(e));
                }
            }
        }, "userstore-replay-read");
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /** The next chunk in log order, or null at the end. */
    Chunk next() throws Exception {
        Future<Chunk> next = chunks.take();
        if (next == END) {
            return null;
        }
        try {
            return next.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void submit(List<LoggedUser> users, FoldedUsers folds, VersionTables tables, DjangoIds ids) {
        put(folders.submit(() -> {
            VersionTables.Sink sink = tables.sink(ids);
            long events = 0;
            for (LoggedUser user : users) {
                sink.add(folds.fold(user));
                events += user.events().size();
            }
            return new Chunk(sink, users.get(users.size() - 1).aggregateId(), events, users.size());
        }));
    }

    private void put(Future<Chunk> chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay stopped", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        folders.shutdownNow();
        readerThread.interrupt();
        chunks.clear();
        // the reader stops its COPY before the caller closes the connection under it, also
        // when this thread was interrupted (Ctrl-C): the flag is set again afterwards
        boolean interrupted = Thread.interrupted();
        try {
            readerThread.join(READER_STOP_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.domain.Progress;
import io.userstore.domain.log.EventLog;
import io.userstore.domain.log.LogPosition;
import io.userstore.domain.tx.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first part of a build: the whole log up to a snapshot's head, user by user in aggregate
 * order, into a version's fresh tables, in batches each committed with the point it reached (so
 * a crash or Ctrl-C resumes there, never duplicating or skipping a row).
 */
final class BulkReplay {

    private static final Logger LOG = LoggerFactory.getLogger(BulkReplay.class);
    /** Users per committed batch; smaller only to exercise resuming in tests. */
    private static final int USERS_PER_BATCH = Integer.getInteger("userstore.build.batch", 20_000);

    private final DataSource dataSource;
    private final EventLog log;
    private final Registry registry;
    private final Jdbc jdbc;
    private final FoldedUsers folds = new FoldedUsers();

    BulkReplay(DataSource dataSource, EventLog log, Registry registry, Jdbc jdbc) {
        this.dataSource = dataSource;
        this.log = log;
        this.registry = registry;
        this.jdbc = jdbc;
    }

    void run(VersionTables tables, int version, Progress progress) throws SQLException {
        String name = tables.spec().name();
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Registry.Version state = registry.version(name, version).orElseThrow();
            long head;
            String cursor = state.buildCursor();
            if (state.snapshotHead() == null) {
                head = log.head(reader);
                registry.recordBulkProgress(name, version, head, null, 0, 0);
                registry.recordPosition(name, version, new LogPosition(head, log.gapsBelow(reader, head)), 0);
            } else {
                head = state.snapshotHead();
            }
            // an upper bound, not a count: counting would read the whole log once more
            progress.start(name + " v" + version, Math.max(0, head - state.events()));
            long writing = 0;
            DjangoIds ids = tables.djangoIds(reader);
            try (ReplayPipeline pipeline = new ReplayPipeline(
                    users -> log.streamUsers(reader, head, cursor, users), folds, tables, ids)) {
                List<ReplayPipeline.Chunk> batch = new ArrayList<>();
                int usersInBatch = 0;
                ReplayPipeline.Chunk chunk;
                while ((chunk = nextChunk(pipeline)) != null) {
                    batch.add(chunk);
                    usersInBatch += chunk.users();
                    if (usersInBatch >= USERS_PER_BATCH) {
                        writing += commitBatch(tables, version, head, batch, progress);
                        usersInBatch = 0;
                    }
                }
                writing += commitBatch(tables, version, head, batch, progress);
            }
            reader.commit();
            LOG.info("replay of {} v{}: {} ms writing rows", name, version, writing / 1_000_000);
        }
    }

    private static ReplayPipeline.Chunk nextChunk(ReplayPipeline pipeline) throws SQLException {
        if (Thread.currentThread().isInterrupted()) {
            throw new BuildInterrupted();
        }
        try {
            return pipeline.next();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            throw new BuildInterrupted();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Writes the chunks' rows and the position they reach in one transaction; returns the nanoseconds it took. */
    private long commitBatch(VersionTables tables, int version, long head, List<ReplayPipeline.Chunk> batch,
                             Progress progress) {
        if (batch.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        long rows = batch.stream().mapToLong(c -> c.rows().rows()).sum();
        long events = batch.stream().mapToLong(ReplayPipeline.Chunk::events).sum();
        String last = batch.get(batch.size() - 1).lastAggregate();
        jdbc.inTransaction(connection -> {
            VersionTables.Sink.flush(connection, batch.stream().map(ReplayPipeline.Chunk::rows).toList());
            registry.recordBulkProgress(tables.spec().name(), version, head, last, rows, events);
        });
        batch.clear();
        progress.advance(events);
        return System.nanoTime() - started;
    }
}

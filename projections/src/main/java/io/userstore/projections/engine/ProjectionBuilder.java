package io.userstore.projections.engine;

import io.userstore.domain.Progress;

import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.store.Jdbc;
import io.userstore.domain.store.JdbcTransactionManager;
import io.userstore.domain.store.StoreSchema;
import io.userstore.projections.spec.ProjectionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds one projection version: replays the log into fresh tables (in aggregate order, from a
 * snapshot, in batches each committed with the point it reached, so a crash resumes there),
 * adds the constraints, follows the events appended meanwhile, and finally, with appends held
 * for a moment, takes the last ones and marks the version ready. From then on every append
 * keeps it current ({@link LiveProjections}).
 */
public final class ProjectionBuilder {

    /** Users per committed replay batch; smaller only to exercise resuming in tests. */
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionBuilder.class);
    private static final int USERS_PER_BATCH = Integer.getInteger("userstore.build.batch", 20_000);

    private final UserStore store;
    private final JdbcTransactionManager transactions;
    private final Registry registry;
    private final Jdbc jdbc;
    private final UserSource users = new UserSource();

    public ProjectionBuilder(UserStore store, Registry registry) {
        this.store = store;
        this.transactions = store.transactions();
        this.registry = registry;
        this.jdbc = new Jdbc(transactions);
    }

    /**
     * Builds (or resumes building) a version and returns the rows it holds. One process builds a
     * version at a time: it holds a session lock for the version while it works.
     */
    public long build(ProjectionSpec spec, int version, Progress progress) {
        try (Connection lock = store.dataSource().getConnection()) {
            if (!lock(lock, "pg_try_advisory_lock", spec.name(), version)) {
                throw new UserStoreException("projection " + spec.name() + " v" + version
                        + " is being built by another process; `projection status " + spec.name() + "` follows it");
            }
            try {
                return buildLocked(spec, version, progress);
            } finally {
                // a pooled connection outlives this build: its session lock must not
                lock(lock, "pg_advisory_unlock", spec.name(), version);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the build lock: " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection connection, String function, String name, int version) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(
                "SELECT " + function + "(hashtext('userstore-build'), hashtext(? || ':' || ?))")) {
            statement.setString(1, name);
            statement.setInt(2, version);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private long buildLocked(ProjectionSpec spec, int version, Progress progress) {
        VersionTables tables = new VersionTables(spec, version);
        long started = System.nanoTime();
        try {
            Registry.Version state = registry.version(spec.name(), version).orElseThrow();
            if (state.snapshotHead() == null) {
                jdbc.inTransaction(connection -> tables.create(connection));
            }
            long phase = System.nanoTime();
            replay(tables, version, progress);
            long replayed = System.nanoTime();
            jdbc.inTransaction(tables::addConstraints);
            long constrained = System.nanoTime();
            followUntilQuiet(tables, version);
            long rows = finish(tables, version, started);
            LOG.info("built {} v{}: replay {} ms, constraints {} ms, catch-up and finish {} ms", spec.name(), version,
                    (replayed - phase) / 1_000_000, (constrained - replayed) / 1_000_000,
                    (System.nanoTime() - constrained) / 1_000_000);
            progress.finish();
            return rows;
        } catch (BuildInterrupted e) {
            progress.finish();
            registry.addSeconds(spec.name(), version, (System.nanoTime() - started) / 1e9);
            throw new UserStoreException("the build of " + spec.name() + " v" + version + " was stopped; what it"
                    + " committed is kept (`projection status " + spec.name() + "`), and `projection rebuild "
                    + spec.name() + "` or the next start of userstore goes on from there");
        } catch (RuntimeException | SQLException e) {
            progress.finish();
            String reason = e instanceof UserStoreException ? e.getMessage() : "unexpected " + e.getClass().getSimpleName()
                    + ": " + e.getMessage();
            registry.markFailed(spec.name(), version, reason);
            dropQuietly(tables);
            throw e instanceof ProjectionBuildException pbe ? pbe
                    : new ProjectionBuildException("projection " + spec.name() + " v" + version + " failed: " + reason
                    + "; the stable name keeps serving what it served", e);
        }
    }

    private void replay(VersionTables tables, int version, Progress progress) throws SQLException {
        String name = tables.spec().name();
        try (Connection reader = store.dataSource().getConnection()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Registry.Version state = registry.version(name, version).orElseThrow();
            long head;
            String cursor = state.buildCursor();
            if (state.snapshotHead() == null) {
                head = maxIndex(reader);
                Long[] gaps = CatchUp.gapsBelow(reader, head);
                registry.recordBulkProgress(name, version, head, null, 0, 0);
                registry.recordPosition(name, version, head, gaps, 0);
            } else {
                head = state.snapshotHead();
            }
            // an upper bound, not a count: counting would read the whole log once more
            progress.start(name + " v" + version, Math.max(0, head - state.events()));
            long writing = 0;
            try (ReplayPipeline pipeline = new ReplayPipeline(
                    users -> this.users.readAll(reader, head, cursor, users), this.users, tables)) {
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

    private void followUntilQuiet(VersionTables tables, int version) throws SQLException {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new BuildInterrupted();
            }
            boolean[] more = {false};
            jdbc.inTransaction(connection -> more[0] = catchUpStep(connection, tables, version) >= 0);
            if (!more[0]) {
                return;
            }
        }
    }

    /** Applies one catch-up step in the caller's transaction; -1 when there was nothing to do. */
    private int catchUpStep(Connection connection, VersionTables tables, int version) throws SQLException {
        Registry.Version state = registry.version(tables.spec().name(), version).orElseThrow();
        CatchUp.Step step = CatchUp.next(connection, state.position(), state.gaps());
        if (step.empty()) {
            return -1;
        }
        refold(connection, List.of(tables), step.users());
        registry.recordPosition(tables.spec().name(), version, step.position(), step.gaps(), step.events());
        return step.events();
    }

    /** With appends held back, takes the last events and marks the version ready, atomically. */
    private long finish(VersionTables tables, int version, long started) throws SQLException {
        long[] rows = {0};
        jdbc.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + StoreSchema.EVENT_TABLE + " IN EXCLUSIVE MODE");
            }
            while (catchUpStep(connection, tables, version) >= 0) {
                // drain: nothing can be in flight now
            }
            rows[0] = count(connection, tables.mainTable());
            registry.markReady(tables.spec().name(), version, rows[0], (System.nanoTime() - started) / 1e9);
        });
        return rows[0];
    }

    /** Folds these users again and replaces their rows in each of the versions. */
    void refold(Connection connection, List<VersionTables> versions, Set<Long> userIds) throws SQLException {
        List<FoldedUser> folded = new ArrayList<>();
        for (io.userstore.domain.user.UserFold fold : users.foldUsers(connection, userIds.toArray(Long[]::new))) {
            folded.add(new FoldedUser(fold.view(), fold.passwordHash()));
        }
        for (VersionTables version : versions) {
            version.replace(connection, userIds, folded);
        }
    }

    private static long maxIndex(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM " + StoreSchema.EVENT_TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + SqlNames.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void dropQuietly(VersionTables tables) {
        try {
            jdbc.inTransaction(tables::drop);
        } catch (RuntimeException e) {
            // the failure being reported matters more; leftover tables are dropped with the projection
        }
    }

    /** Ctrl-C during a build: committed batches stay, the version stays "building". */
    static final class BuildInterrupted extends RuntimeException {
        BuildInterrupted() {
            super("interrupted", null, false, false);
        }
    }
}

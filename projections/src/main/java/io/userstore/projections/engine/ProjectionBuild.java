package io.userstore.projections.engine;

import io.userstore.domain.Progress;
import io.userstore.domain.Failures;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.log.EventLog;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.ProjectionBuildException;
import io.userstore.projections.api.RowValueException;
import io.userstore.projections.spec.ProjectionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Builds one projection version from start to ready: under its {@link BuildLock}, fresh tables,
 * the {@link BulkReplay}, the constraints, then the {@link VersionFollower} up to the head. A
 * failure marks the version failed (the stable name keeps serving what it served); Ctrl-C keeps
 * what was committed, for a later run to go on from.
 */
public final class ProjectionBuild {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionBuild.class);

    private final DataSource dataSource;
    private final Registry registry;
    private final Jdbc jdbc;
    private final BulkReplay replay;
    private final VersionFollower follower;

    public ProjectionBuild(DataSource dataSource, EventLog log, Registry registry, RowRefresher refresher, Jdbc jdbc) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.jdbc = jdbc;
        this.replay = new BulkReplay(dataSource, log, registry, jdbc);
        this.follower = new VersionFollower(log, registry, refresher, jdbc);
    }

    /** Follows the log for versions already built. */
    public VersionFollower follower() {
        return follower;
    }


    /** Builds (or goes on building) a version and returns the rows it holds. */
    public long build(ProjectionSpec spec, int version, Progress progress) {
        try (BuildLock ignored = BuildLock.take(dataSource, spec.name(), version)) {
            return buildLocked(spec, version, progress);
        }
    }

    private long buildLocked(ProjectionSpec spec, int version, Progress progress) {
        VersionTables tables = new VersionTables(spec, version, false);
        long started = System.nanoTime();
        try {
            Registry.Version state = registry.version(spec.name(), version).orElseThrow();
            if (state.snapshotHead() == null) {
                jdbc.inTransaction(tables::create);
            }
            long phase = System.nanoTime();
            replay.run(tables, version, progress);
            long replayed = System.nanoTime();
            jdbc.inTransaction(tables::addConstraints);
            long constrained = System.nanoTime();
            follower.followUntilQuiet(tables, version);
            long rows = follower.finish(tables, version, (System.nanoTime() - started) / 1e9);
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
                    + spec.name() + "` goes on from there");
        } catch (RuntimeException | SQLException e) {
            progress.finish();
            registry.markFailed(spec.name(), version, storedProblem(e));
            dropQuietly(tables);
            if (e instanceof ProjectionBuildException failure) {
                throw failure;
            }
            String reason = e instanceof UserStoreException ? e.getMessage() : "unexpected " + e.getClass().getSimpleName()
                    + ": " + Failures.describe(e);
            throw new ProjectionBuildException("projection " + spec.name() + " v" + version + " failed: " + reason
                    + "; the stable name keeps serving what it served", e);
        }
    }

    /**
     * What is kept of a failure: nothing personal (the user's id and the column, not its name or
     * value, which are read from the events when the failure is shown).
     */
    private static Registry.Problem storedProblem(Exception e) {
        if (e instanceof RowValueException value) {
            return new Registry.Problem(value.problem(), value.userId(), value.column());
        }
        if (e instanceof UserStoreException) {
            return new Registry.Problem(e.getMessage(), null, null);
        }
        LOG.error("a build failed unexpectedly", Failures.redacted(e));
        return new Registry.Problem("unexpected " + e.getClass().getSimpleName() + " (the log has the details)", null,
                null);
    }

    private void dropQuietly(VersionTables tables) {
        try {
            jdbc.inTransaction(tables::drop);
        } catch (RuntimeException e) {
            // the failure being reported matters more; leftover tables are dropped with the projection
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.domain.log.EventLog;
import io.userstore.domain.log.LogPosition;
import io.userstore.domain.log.LogStep;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.RowValueException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Brings a version up to the head of the log from its recorded position: step by step while
 * appends go on, then, holding appends back for a moment, the last events, so that nothing can
 * be in flight when the version is marked ready. Each step refreshes the rows of the users it
 * touched and records the position in the same transaction.
 */
public final class VersionFollower {

    private final EventLog log;
    private final Registry registry;
    private final RowRefresher refresher;
    private final Jdbc jdbc;

    VersionFollower(EventLog log, Registry registry, RowRefresher refresher, Jdbc jdbc) {
        this.log = log;
        this.registry = registry;
        this.refresher = refresher;
        this.jdbc = jdbc;
    }

    /** Follows the log until a step finds nothing new. */
    void followUntilQuiet(VersionTables tables, int version) {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new BuildInterrupted();
            }
            boolean[] more = {false};
            jdbc.inTransaction(connection -> more[0] = step(connection, tables, version));
            if (!more[0]) {
                return;
            }
        }
    }

    /** With appends held back, takes the last events and marks the version ready; returns its rows. */
    long finish(VersionTables tables, int version, double seconds) {
        long[] rows = {0};
        jdbc.inTransaction(connection -> {
            log.holdAppends(connection);
            drain(connection, tables);
            rows[0] = tables.count(connection);
            registry.markReady(tables.spec().name(), version, rows[0], seconds);
        });
        return rows[0];
    }

    /**
     * Brings a ready version that is not in service up to the head, step by step (appends go on).
     * A value it cannot hold stops it at the step before (the write that brought the value went
     * through): that is recorded, without the value, and returned (with it, for the person asking now).
     */
    public Optional<RowValueException> catchUp(VersionTables tables) {
        String name = tables.spec().name();
        while (true) {
            boolean[] more = {false};
            try {
                jdbc.inTransaction(connection -> more[0] = step(connection, tables, tables.version()));
            } catch (RowValueException e) {
                registry.markBlocked(name, tables.version(), new Registry.Problem(e.problem(), e.userId(), e.column()));
                return Optional.of(e);
            }
            if (!more[0]) {
                registry.clearBlocked(name, tables.version());
                return Optional.empty();
            }
        }
    }

    /** Takes the last events into a version in the caller's transaction, which holds appends back. */
    public void drain(Connection connection, VersionTables tables) throws SQLException {
        while (step(connection, tables, tables.version())) {
            // nothing can be in flight now
        }
    }

    /** Records that a version has everything up to the head (appends held back, it was kept current). */
    void markCurrent(Connection connection, VersionTables tables) throws SQLException {
        registry.recordPosition(tables.spec().name(), tables.version(), new LogPosition(log.head(connection),
                new Long[0]), 0);
    }

    /** Applies one step in the caller's transaction; false when there was nothing to do. */
    private boolean step(Connection connection, VersionTables tables, int version) throws SQLException {
        Registry.Version state = registry.version(tables.spec().name(), version).orElseThrow();
        LogStep step = log.next(connection, state.logPosition());
        if (step.empty()) {
            return false;
        }
        refresher.refresh(connection, List.of(tables), step.users());
        registry.recordPosition(tables.spec().name(), version, step.reached(), step.events());
        return true;
    }

}

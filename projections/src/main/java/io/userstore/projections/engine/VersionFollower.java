package io.userstore.projections.engine;

import io.userstore.domain.log.EventLog;
import io.userstore.domain.log.LogStep;
import io.userstore.domain.tx.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.List;

/**
 * Brings a version up to the head of the log from its recorded position: step by step while
 * appends go on, then, holding appends back for a moment, the last events, so that nothing can
 * be in flight when the version is marked ready. Each step refreshes the rows of the users it
 * touched and records the position in the same transaction.
 */
final class VersionFollower {

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
            while (step(connection, tables, version)) {
                // drain: nothing can be in flight now
            }
            rows[0] = count(connection, tables.mainTable());
            registry.markReady(tables.spec().name(), version, rows[0], seconds);
        });
        return rows[0];
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

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + SqlNames.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

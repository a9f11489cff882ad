package io.userstore.projections.engine;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.log.EventLog;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.RowValueException;
import io.userstore.projections.spec.ProjectionSpec.Child;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts a version in service under its stable names, in place of the one serving now, in one
 * transaction: appends wait while the last events go in, the tables swap names, the foreign keys
 * that pointed at the old tables point at the new ones (names, actions and deferrability kept),
 * and the triggers that turn SQL writes into events move along. Readers see the old tables or the
 * new ones, never an error. Locks are asked for with a short timeout and the whole tried again,
 * so a long application transaction delays a switch instead of queueing everyone behind it.
 */
public final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final Jdbc jdbc;
    private final EventLog log;
    private final VersionFollower follower;
    private final Supplier<List<VersionTables>> servingNow;
    /** How long one attempt waits for a lock, and how many attempts there are (settable for tests). */
    private final int lockTimeoutMillis = Integer.getInteger("userstore.switch.lockTimeoutMillis", 250);
    private final int attempts = Integer.getInteger("userstore.switch.attempts", 12);

    /** What a switch moved. */
    public record Moved(int foreignKeys) {
    }

    /** @param servingNow every version in service, as the registry says in the caller's transaction */
    public Publisher(Jdbc jdbc, EventLog log, VersionFollower follower, Supplier<List<VersionTables>> servingNow) {
        this.jdbc = jdbc;
        this.log = log;
        this.follower = follower;
        this.servingNow = servingNow;
    }

    /**
     * @param target   the version to serve, under its versioned names
     * @param current  the version serving now, if any
     * @param bind     records the new binding, in the same transaction
     */
    public Moved publish(VersionTables target, Optional<VersionTables> current, Jdbc.Work bind) {
        Optional<RowValueException> blocked = follower.catchUp(target);
        if (blocked.isPresent()) {
            throw refusal(target, blocked.get());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                List<ForeignKeys.Key> moved = new ArrayList<>();
                jdbc.inTransaction(connection -> moved.addAll(swap(connection, target, current, bind)));
                validate(moved);
                return new Moved(moved.size());
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if (!"55P03".equals(state) && !"40P01".equals(state)) {
                    throw e;
                }
                if (attempt == attempts) {
                    throw new UserStoreException("projection switch gave up after " + attempts + " attempts of "
                            + lockTimeoutMillis + " ms: " + blockers(target, current)
                            + "; end that transaction, or try again when it is done");
                }
                LOG.info("switch to {} v{}: a lock was not free (attempt {}), trying again", target.spec().name(),
                        target.version(), attempt);
                pause(attempt);
            }
        }
    }

    private List<ForeignKeys.Key> swap(Connection connection, VersionTables target, Optional<VersionTables> current,
                                       Jdbc.Work bind) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + lockTimeoutMillis + "ms'");
        }
        // Locks in the order the others take them, so none waits for another in a circle: tables
        // pointing at the stable tables (their writers check keys against those), the stable tables
        // (writers append events after writing them; userstore's own writers lock them first too),
        // then the event table.
        Map<ForeignKeys.Key, String> keys = new LinkedHashMap<>();
        if (current.isPresent()) {
            keys.putAll(keysToMove(connection, current.get(), target));
            lock(connection, keys.keySet().stream().map(ForeignKeys.Key::table).distinct().toList(), "ACCESS EXCLUSIVE");
        }
        List<String> locked = new ArrayList<>(target.names());
        current.ifPresent(serving -> locked.addAll(serving.names()));
        lock(connection, locked, "ACCESS EXCLUSIVE");
        log.holdAppends(connection);
        try {
            follower.drain(connection, target);
        } catch (RowValueException e) {
            throw refusal(target, e);
        }
        requireFreeNames(connection, target, current);
        if (current.isPresent()) {
            String candidate = target.spec().name() + " v" + target.version();
            ForeignKeys.refuseStranding(connection, keys, candidate, "switch to " + candidate);
            TableTriggers.detach(connection, current.get());
            current.get().rename(connection, false);
            follower.markCurrent(connection, current.get());
            try (Statement statement = connection.createStatement()) {
                for (ForeignKeys.Key key : keys.keySet()) {
                    statement.execute(key.drop());
                }
            }
        }
        target.rename(connection, true);
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<ForeignKeys.Key, String> key : keys.entrySet()) {
                statement.execute(key.getKey().addTo(SqlNames.table(stableNameOf(key.getValue(), target))));
            }
        }
        bind.run(connection);
        List<VersionTables> serving = servingNow.get();
        TableTriggers.install(connection, serving, serving.stream()
                .filter(tables -> tables.spec().name().equals(target.spec().name()) && tables.version() == target.version())
                .findFirst().orElseThrow());
        return keys.keySet().stream().filter(ForeignKeys.Key::validated).toList();
    }

    /**
     * The foreign keys pointing at the serving tables, each with the target table it will point at
     * (qualified, by its name before the switch): main to main, a child table to the child table of
     * the same stable name.
     */
    private static Map<ForeignKeys.Key, String> keysToMove(Connection connection, VersionTables current,
                                                           VersionTables target) throws SQLException {
        Map<ForeignKeys.Key, String> keys = new LinkedHashMap<>();
        for (ForeignKeys.Key key : ForeignKeys.referencing(connection, current.mainName())) {
            keys.put(key, target.main());
        }
        for (Child child : current.spec().children()) {
            List<ForeignKeys.Key> pointing = ForeignKeys.referencing(connection, current.childName(child));
            if (pointing.isEmpty()) {
                continue;
            }
            Optional<Child> counterpart = target.spec().children().stream()
                    .filter(c -> c.table().equals(child.table())).findFirst();
            if (counterpart.isEmpty()) {
                throw new UserStoreException("cannot switch to " + target.spec().name() + " v" + target.version() + ": "
                        + pointing.get(0).describe() + " points at " + child.table() + ", which "
                        + target.spec().name() + " has no table for; nothing was changed");
            }
            pointing.forEach(key -> keys.put(key, target.child(counterpart.get())));
        }
        return keys;
    }

    /** The stable name of the target table a key moves to, given that table's versioned (qualified) name. */
    private static String stableNameOf(String versioned, VersionTables target) {
        if (versioned.equals(target.main())) {
            return target.spec().table();
        }
        return target.spec().children().stream().filter(child -> target.child(child).equals(versioned))
                .map(Child::table).findFirst().orElseThrow();
    }

    /** A stable name taken by a table userstore did not make is never taken over (only `django adopt` does that). */
    private static void requireFreeNames(Connection connection, VersionTables target, Optional<VersionTables> current)
            throws SQLException {
        if (current.isPresent()) {
            return;
        }
        for (String name : target.serving(true).names()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                statement.setString(1, SqlNames.table(name));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new UserStoreException(SqlNames.TABLE_SCHEMA + "." + name + " exists and is not a table"
                                + " userstore serves; rename or drop it, or give the spec another table name"
                                + " (`django adopt` takes over a Django table)");
                    }
                }
            }
        }
    }

    private static void lock(Connection connection, List<String> tables, String mode) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + String.join(", ", tables.stream()
                    .map(t -> t.contains(".") ? t : SqlNames.table(t)).toList()) + " IN " + mode + " MODE");
        }
    }

    /** The moved keys were checked under the switch's locks; validating them marks them so without blocking anyone. */
    private void validate(List<ForeignKeys.Key> keys) {
        for (ForeignKeys.Key key : keys) {
            try {
                jdbc.inTransaction(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(key.validate());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("{} stays NOT VALID for now: {}", key.describe(), e.getMessage());
            }
        }
    }

    /** Who holds the locks a switch needs, for the message when it gives up. */
    private String blockers(VersionTables target, Optional<VersionTables> current) {
        List<String> tables = new ArrayList<>(target.names().stream().map(SqlNames::table).toList());
        current.ifPresent(serving -> tables.addAll(serving.names().stream().map(SqlNames::table).toList()));
        try {
            return jdbc.query("""
                    SELECT a.pid, coalesce(nullif(a.application_name, ''), 'no application name'), a.usename, a.state,
                           date_trunc('second', now() - coalesce(a.xact_start, a.query_start))::text,
                           string_agg(DISTINCT l.relation::regclass::text, ', ')
                    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.granted AND a.pid <> pg_backend_pid()
                      AND l.relation = ANY(SELECT to_regclass(t) FROM unnest(?::text[]) t)
                    GROUP BY 1, 2, 3, 4, 5 ORDER BY 5 DESC LIMIT 1""", rs -> rs.next()
                    ? "session " + rs.getInt(1) + " (" + rs.getString(2) + ", user " + rs.getString(3) + ", "
                    + rs.getString(4) + " for " + rs.getString(5) + ") holds a lock on " + rs.getString(6)
                    : "another session kept holding a lock the switch needs", jdbc.array("text",
                    tables.toArray(String[]::new)));
        } catch (RuntimeException e) {
            return "another session kept holding a lock the switch needs";
        }
    }

    private static UserStoreException refusal(VersionTables target, RowValueException blocked) {
        return new UserStoreException("cannot switch to " + target.spec().name() + " v" + target.version() + ": "
                + blocked.getMessage() + "; change the value (`user set`), or fix the spec and rebuild; the version"
                + " in service keeps serving");
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserStoreException("the switch was stopped; nothing was changed");
        }
    }
}

package io.userstore.domain.log;

import io.userstore.domain.tx.Jdbc;
import io.userstore.domain.tx.Transactions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The one owner of the event table for everything that reads it directly rather than through
 * Axon: streaming users for a projection build, reading some users again, following the log from
 * a position, holding appends back for a moment, and what completion and {@code store info} read.
 */
public final class EventLog {

    private static final String USER_COLUMNS = "e.aggregate_identifier, e.sequence_number, e.payload_type,"
            + " e.payload_revision, e.payload, e.time_stamp, CASE WHEN e.sequence_number = 0 THEN"
            + " (SELECT r.key FROM " + StoreSchema.REGISTRY_TABLE + " r WHERE r.user_id = e.aggregate_identifier::bigint) END";
    private static final int VOCABULARY_LIMIT = 1000;

    private final Jdbc jdbc;

    public EventLog(Transactions transactions) {
        this.jdbc = new Jdbc(transactions);
    }

    /** The highest global index appended so far. */
    public long head() {
        return jdbc.query("SELECT coalesce(max(global_index), 0) FROM " + StoreSchema.EVENT_TABLE,
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** The highest global index the connection's snapshot sees. */
    public long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM " + StoreSchema.EVENT_TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Appends wait until the connection's transaction ends; readers go on. */
    public void holdAppends(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + StoreSchema.EVENT_TABLE + " IN EXCLUSIVE MODE");
        }
    }

    /**
     * Every user with events up to {@code head}, after aggregate {@code after} (null: from the
     * start), one at a time in aggregate order, so memory stays flat however long the log is.
     * The connection must be in a transaction.
     */
    public void streamUsers(Connection connection, long head, String after, Consumer<LoggedUser> users)
            throws SQLException {
        streamUsers(connection, head, after, null, users);
    }

    /** As {@link #streamUsers(Connection, long, String, Consumer)}, up to aggregate {@code through} (null: to the end). */
    public void streamUsers(Connection connection, long head, String after, String through, Consumer<LoggedUser> users)
            throws SQLException {
        try (Statement settings = connection.createStatement()) {
            // The (aggregate, sequence) index already holds the log in user order: walking it
            // beats sorting the whole log, which spills to temporary files on long logs.
            settings.execute("SET LOCAL enable_sort = off");
        }
        read(connection, "SELECT " + USER_COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e WHERE e.global_index <= "
                + head + (after == null ? "" : " AND e.aggregate_identifier > " + literal(after))
                + (through == null ? "" : " AND e.aggregate_identifier <= " + literal(through))
                + " ORDER BY e.aggregate_identifier, e.sequence_number", users);
    }

    /**
     * Every {@code every}-th user with events up to {@code head}, in the order the users stream:
     * where to cut the log into runs of that many users.
     */
    public List<String> everyNthUser(Connection connection, long head, int every) throws SQLException {
        List<String> cuts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT aggregate_identifier FROM (SELECT aggregate_identifier,"
                     + " row_number() OVER (ORDER BY aggregate_identifier) AS n FROM (SELECT DISTINCT aggregate_identifier"
                     + " FROM " + StoreSchema.EVENT_TABLE + " WHERE global_index <= " + head + ") users) numbered"
                     + " WHERE n % " + every + " = 0 ORDER BY aggregate_identifier")) {
            while (rs.next()) {
                cuts.add(rs.getString(1));
            }
        }
        return cuts;
    }

    /** The given users with all their events, as the connection sees them now. */
    public void readUsers(Connection connection, Collection<Long> userIds, Consumer<LoggedUser> users)
            throws SQLException {
        String ids = userIds.stream().map(String::valueOf).collect(Collectors.joining(",", "'{", "}'"));
        read(connection, "SELECT " + USER_COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e"
                + " WHERE e.aggregate_identifier = ANY(" + ids + "::varchar[])"
                + " ORDER BY e.aggregate_identifier, e.sequence_number", users);
    }

    /** The global indexes at or below {@code head} that the connection's snapshot does not see. */
    public Long[] gapsBelow(Connection connection, long head) throws SQLException {
        return LogSteps.gapsBelow(connection, head);
    }

    /** The next events after a position (a bounded step); applying a step twice changes nothing. */
    public LogStep next(Connection connection, LogPosition from) throws SQLException {
        return LogSteps.next(connection, from);
    }

    /** Distinct values of one payload field of one event type (names, never personal data), for completion. */
    public List<String> distinct(Class<?> eventType, String field) {
        return jdbc.strings("SELECT DISTINCT convert_from(payload, 'UTF8')::jsonb ->> ? AS name FROM "
                + StoreSchema.EVENT_TABLE + " WHERE payload_type = ? ORDER BY name LIMIT " + VOCABULARY_LIMIT,
                field, eventType.getName());
    }

    /** How many events there are, and when the last one was appended. */
    public record Statistics(long events, String lastEventAt) {
    }

    public Statistics statistics() {
        return jdbc.query("SELECT count(*), max(time_stamp) FROM " + StoreSchema.EVENT_TABLE, rs -> {
            rs.next();
            return new Statistics(rs.getLong(1), rs.getString(2));
        });
    }

    private static void read(Connection connection, String query, Consumer<LoggedUser> users) throws SQLException {
        try (BinaryCopyOut rows = BinaryCopyOut.open(connection, query, 7)) {
            byte[] currentId = null;
            String current = null;
            byte[] key = null;
            List<LoggedUser.Event> events = new ArrayList<>();
            while (rows.next()) {
                if (!rows.equalsBytes(0, currentId)) {
                    if (current != null) {
                        users.accept(new LoggedUser(current, key, events));
                        events = new ArrayList<>();
                    }
                    currentId = rows.bytes(0);
                    current = rows.text(0);
                    key = rows.bytes(6);
                }
                events.add(new LoggedUser.Event(rows.int8(1), rows.repeatedText(2), rows.repeatedText(3), rows.bytes(4),
                        rows.text(5)));
            }
            if (current != null) {
                users.accept(new LoggedUser(current, key, events));
            }
        }
    }

    /** A string literal, for the statements COPY runs (they take no parameters). */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

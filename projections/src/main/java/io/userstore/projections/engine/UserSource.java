package io.userstore.projections.engine;

import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.store.EventDecoder;
import io.userstore.domain.store.StoreSchema;
import io.userstore.domain.user.UserFold;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads users straight from the event table, one user at a time in aggregate order (so memory
 * stays flat however long the log is), and folds them. Reading and folding are separate steps
 * so that a build can fold on other threads while this one reads. The user's key comes with its
 * first event.
 */
final class UserSource {

    private static final String COLUMNS = "e.aggregate_identifier, e.sequence_number, e.payload_type,"
            + " e.payload_revision, e.payload, e.time_stamp, CASE WHEN e.sequence_number = 0 THEN"
            + " (SELECT r.key FROM user_registry r WHERE r.user_id = e.aggregate_identifier::bigint) END";
    private static final int FETCH = 5000;

    private final EventDecoder decoder = new EventDecoder();
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    /** One stored event, not decoded yet. */
    record RawEvent(long sequence, String type, String revision, byte[] payload, String timestamp) {
    }

    /** One user's stored events, in order, with its key (null once forgotten). */
    record RawUser(String aggregateId, byte[] key, List<RawEvent> events) {
    }

    /**
     * Every user with events up to {@code head}, after aggregate {@code after} (null: from the
     * start), in aggregate order. The connection must be in a transaction (for the cursor).
     */
    void readAll(Connection connection, long head, String after, Consumer<RawUser> users) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e WHERE e.global_index <= ?"
                + (after == null ? "" : " AND e.aggregate_identifier > ?")
                + " ORDER BY e.aggregate_identifier, e.sequence_number";
        try (Statement settings = connection.createStatement()) {
            // room to sort the log by user in memory rather than in temporary files
            settings.execute("SET LOCAL work_mem = '256MB'");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH);
            binaryResults(statement);
            statement.setLong(1, head);
            if (after != null) {
                statement.setString(2, after);
            }
            read(statement, users);
        }
    }

    /** The given users, folded from all their events (as this connection sees them now). */
    List<UserFold> foldUsers(Connection connection, Long[] userIds) throws SQLException {
        String[] ids = new String[userIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = userIds[i].toString();
        }
        String sql = "SELECT " + COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e"
                + " WHERE e.aggregate_identifier = ANY(?) ORDER BY e.aggregate_identifier, e.sequence_number";
        List<UserFold> folds = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH);
            binaryResults(statement);
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            read(statement, user -> folds.add(fold(user)));
        }
        return folds;
    }

    /** Decodes and folds one user's events: pure CPU, safe on any thread. */
    UserFold fold(RawUser user) {
        UserFold fold = new UserFold(cipher, user.key());
        for (RawEvent event : user.events()) {
            fold.apply(decoder.decode(user.aggregateId(), event.sequence(), event.type(), event.revision(),
                    event.payload(), event.timestamp()));
        }
        return fold;
    }

    /** Payloads arrive as bytes, not hex text: half the transfer, no decoding. */
    private static void binaryResults(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
    }

    private static void read(PreparedStatement statement, Consumer<RawUser> users) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            String current = null;
            byte[] key = null;
            List<RawEvent> events = new ArrayList<>();
            while (rs.next()) {
                String aggregate = rs.getString(1);
                if (!aggregate.equals(current)) {
                    if (current != null) {
                        users.accept(new RawUser(current, key, events));
                        events = new ArrayList<>();
                    }
                    current = aggregate;
                    key = rs.getBytes(7);
                }
                events.add(new RawEvent(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5), rs.getString(6)));
            }
            if (current != null) {
                users.accept(new RawUser(current, key, events));
            }
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.store.EventDecoder;
import io.userstore.domain.store.StoreSchema;
import io.userstore.domain.user.UserFold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Folds users straight from the event table, one user at a time in aggregate order, so memory
 * stays flat however long the log is. The user's key comes with its first event.
 */
final class UserSource {

    private static final String COLUMNS = "e.aggregate_identifier, e.sequence_number, e.payload_type,"
            + " e.payload_revision, e.payload, e.time_stamp, CASE WHEN e.sequence_number = 0 THEN"
            + " (SELECT r.key FROM user_registry r WHERE r.user_id = e.aggregate_identifier::bigint) END";
    private static final int FETCH = 5000;

    private final EventDecoder decoder = new EventDecoder();
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    /** Counts what a fold read. */
    interface Tally {
        void event();
    }

    /**
     * Every user with events up to {@code head}, after aggregate {@code after} (null: from the
     * start), in aggregate order. The connection must be in a transaction (for the cursor).
     */
    void foldAll(Connection connection, long head, String after, Consumer<Folded> users, Tally tally)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e WHERE e.global_index <= ?"
                + (after == null ? "" : " AND e.aggregate_identifier > ?")
                + " ORDER BY e.aggregate_identifier, e.sequence_number";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH);
            statement.setLong(1, head);
            if (after != null) {
                statement.setString(2, after);
            }
            fold(statement, users, tally);
        }
    }

    /** The given users, folded from all their events (as this connection sees them now). */
    void foldUsers(Connection connection, Long[] userIds, Consumer<Folded> users) throws SQLException {
        String[] ids = new String[userIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = userIds[i].toString();
        }
        String sql = "SELECT " + COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e"
                + " WHERE e.aggregate_identifier = ANY(?) ORDER BY e.aggregate_identifier, e.sequence_number";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH);
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            fold(statement, users, () -> { });
        }
    }

    /** A user's fold with the aggregate identifier it was read under. */
    record Folded(String aggregateId, UserFold fold) {
    }

    private void fold(PreparedStatement statement, Consumer<Folded> users, Tally tally) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            String current = null;
            UserFold fold = null;
            while (rs.next()) {
                String aggregate = rs.getString(1);
                if (!aggregate.equals(current)) {
                    if (fold != null) {
                        users.accept(new Folded(current, fold));
                    }
                    current = aggregate;
                    fold = new UserFold(cipher, rs.getBytes(7));
                }
                fold.apply(decoder.decode(aggregate, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getString(6)));
                tally.event();
            }
            if (fold != null) {
                users.accept(new Folded(current, fold));
            }
        }
    }
}

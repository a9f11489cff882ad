package io.userstore.projections.engine;

import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.store.EventDecoder;
import io.userstore.domain.store.StoreSchema;
import io.userstore.domain.store.StoredEvent;
import io.userstore.domain.user.UserFold;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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

    private final EventDecoder decoder = new EventDecoder();
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    /** One stored event, not decoded yet. */
    record RawEvent(long sequence, String type, String revision, byte[] payload, String timestamp)
            implements StoredEvent {
    }

    /** One user's stored events, in order, with its key (null once forgotten). */
    record RawUser(String aggregateId, byte[] key, List<RawEvent> events) {
    }

    /**
     * Every user with events up to {@code head}, after aggregate {@code after} (null: from the
     * start), in aggregate order. The connection must be in a transaction.
     */
    void readAll(Connection connection, long head, String after, Consumer<RawUser> users) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            // The (aggregate, sequence) index already holds the log in user order: walking it
            // beats sorting the whole log, which spills to temporary files on long logs.
            settings.execute("SET LOCAL enable_sort = off");
        }
        read(connection, "SELECT " + COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e WHERE e.global_index <= " + head
                + (after == null ? "" : " AND e.aggregate_identifier > " + SqlNames.literal(after))
                + " ORDER BY e.aggregate_identifier, e.sequence_number", users);
    }

    /** The given users, folded from all their events (as this connection sees them now). */
    List<UserFold> foldUsers(Connection connection, Long[] userIds) throws SQLException {
        String ids = Arrays.stream(userIds).map(String::valueOf).collect(Collectors.joining(",", "'{", "}'"));
        List<UserFold> folds = new ArrayList<>();
        read(connection, "SELECT " + COLUMNS + " FROM " + StoreSchema.EVENT_TABLE + " e"
                + " WHERE e.aggregate_identifier = ANY(" + ids + "::varchar[])"
                + " ORDER BY e.aggregate_identifier, e.sequence_number", user -> folds.add(fold(user)));
        return folds;
    }

    /** Decodes and folds one user's events: pure CPU, safe on any thread. */
    UserFold fold(RawUser user) {
        UserFold fold = new UserFold(cipher, user.key());
        for (Object event : decoder.decodeAll(user.aggregateId(), user.events())) {
            fold.apply(event);
        }
        return fold;
    }

    private static void read(Connection connection, String query, Consumer<RawUser> users) throws SQLException {
        try (BinaryCopyOut rows = BinaryCopyOut.open(connection, query, 7)) {
            byte[] currentId = null;
            String current = null;
            byte[] key = null;
            List<RawEvent> events = new ArrayList<>();
            while (rows.next()) {
                if (!rows.equalsBytes(0, currentId)) {
                    if (current != null) {
                        users.accept(new RawUser(current, key, events));
                        events = new ArrayList<>();
                    }
                    currentId = rows.bytes(0);
                    current = rows.text(0);
                    key = rows.bytes(6);
                }
                events.add(new RawEvent(rows.int8(1), rows.repeatedText(2), rows.repeatedText(3), rows.bytes(4),
                        rows.text(5)));
            }
            if (current != null) {
                users.accept(new RawUser(current, key, events));
            }
        }
    }
}

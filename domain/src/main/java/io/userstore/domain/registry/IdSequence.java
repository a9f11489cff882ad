package io.userstore.domain.registry;

import io.userstore.domain.log.StoreSchema;
import io.userstore.domain.tx.Jdbc;

/**
 * User ids from the {@code user_id_seq} sequence. A sequence is not transactional, so ids drawn
 * by a transaction that rolls back, or drawn ahead and left unused, are given back when no other
 * writer has drawn since; otherwise they stay a gap, as in any serial column. Giving back is
 * always safe: the primary key of {@code user_registry}, not the sequence, makes an id unique.
 */
final class IdSequence {

    private static final String SEQUENCE = StoreSchema.ID_SEQUENCE;

    private final Jdbc jdbc;

    IdSequence(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The next {@code count} ids, in order. */
    long[] draw(int count) {
        return jdbc.query("SELECT nextval('" + SEQUENCE + "') FROM generate_series(1, ?)", rs -> {
            long[] ids = new long[count];
            for (int i = 0; i < count && rs.next(); i++) {
                ids[i] = rs.getLong(1);
            }
            return ids;
        }, count);
    }

    /** Moves the sequence back to just before {@code firstUnused} if it still stands at {@code lastDrawn}. */
    void giveBack(long firstUnused, long lastDrawn) {
        jdbc.query("SELECT CASE WHEN last_value = ? THEN setval('" + SEQUENCE + "', ?, ?) END FROM " + SEQUENCE,
                rs -> rs.next(), lastDrawn, Math.max(firstUnused - 1, 1), firstUnused > 1);
    }

    /** After an explicit id: the sequence never hands it out later. */
    void movePast(long id) {
        jdbc.query("SELECT setval('" + SEQUENCE + "', greatest(?::bigint, (SELECT last_value FROM " + SEQUENCE + ")))",
                rs -> rs.next(), id);
    }
}

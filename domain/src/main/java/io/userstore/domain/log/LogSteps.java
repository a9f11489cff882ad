package io.userstore.domain.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Following the log from a position: the events after it, and those of the gaps it still waits
 * for (global indexes a transaction took but had not committed yet, which may commit after
 * higher ones; they are never skipped while they can still appear).
 */
final class LogSteps {

    /** Gaps further behind than this cannot be an append still in flight: holes left by rollbacks. */
    static final long GAP_WINDOW = 10_000;
    private static final int STEP = 20_000;

    private LogSteps() {
    }

    static LogStep next(Connection connection, LogPosition from) throws SQLException {
        Set<Long> users = new LinkedHashSet<>();
        TreeSet<Long> waiting = new TreeSet<>(List.of(from.gaps()));
        long reached = from.position();
        int events = 0;
        try (PreparedStatement statement = connection.prepareStatement("SELECT global_index, aggregate_identifier FROM "
                + StoreSchema.EVENT_TABLE + " WHERE global_index > ? OR global_index = ANY(?)"
                + " ORDER BY global_index LIMIT " + STEP)) {
            statement.setLong(1, from.position());
            statement.setArray(2, connection.createArrayOf("bigint", from.gaps()));
            try (ResultSet rs = statement.executeQuery()) {
                long expected = from.position() + 1;
                while (rs.next()) {
                    long index = rs.getLong(1);
                    users.add(Long.parseLong(rs.getString(2)));
                    events++;
                    if (!waiting.remove(index)) {
                        for (long missing = expected; missing < index; missing++) {
                            waiting.add(missing);
                        }
                        expected = index + 1;
                        reached = Math.max(reached, index);
                    }
                }
            }
        }
        long oldest = reached - GAP_WINDOW;
        waiting.removeIf(gap -> gap <= oldest);
        return new LogStep(users, new LogPosition(reached, waiting.toArray(Long[]::new)), events);
    }

    static Long[] gapsBelow(Connection connection, long head) throws SQLException {
        List<Long> gaps = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT g FROM generate_series(greatest(1, ? - "
                + GAP_WINDOW + "), ?) g WHERE NOT EXISTS (SELECT 1 FROM " + StoreSchema.EVENT_TABLE
                + " e WHERE e.global_index = g)")) {
            statement.setLong(1, head);
            statement.setLong(2, head);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    gaps.add(rs.getLong(1));
                }
            }
        }
        return gaps.toArray(Long[]::new);
    }
}

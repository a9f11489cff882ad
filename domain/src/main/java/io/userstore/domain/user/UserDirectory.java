package io.userstore.domain.user;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.store.JdbcTransactionManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Usernames, ids and keys: the set-based side of the store that one aggregate cannot guard.
 * Claims are written in the caller's transaction, so they commit or roll back with the events.
 */
public final class UserDirectory implements JdbcTransactionManager.Listener {

    private final JdbcTransactionManager transactions;
    /** The lowest and highest id this thread drew from the sequence in its open transaction. */
    private final ThreadLocal<long[]> drawnIds = new ThreadLocal<>();

    public UserDirectory(JdbcTransactionManager transactions) {
        this.transactions = transactions;
        transactions.addListener(this);
    }

    @Override
    public void committed() {
        drawnIds.remove();
    }

    /**
     * Gives the ids a rolled-back transaction drew back to the sequence, unless another writer
     * has drawn since (then they stay a gap, as in any serial column). Safe either way: the
     * primary key of user_keys, not the sequence, guarantees an id is used once.
     */
    @Override
    public void rolledBack() {
        long[] drawn = drawnIds.get();
        drawnIds.remove();
        if (drawn == null) {
            return;
        }
        query("SELECT CASE WHEN last_value = ? THEN setval('user_id_seq', ?, ?) END FROM user_id_seq",
                rs -> rs.next(), drawn[1], Math.max(drawn[0] - 1, 1), drawn[0] > 1);
    }

    private void recordDrawn(long id) {
        long[] drawn = drawnIds.get();
        if (drawn == null) {
            drawnIds.set(new long[]{id, id});
        } else {
            drawn[0] = Math.min(drawn[0], id);
            drawn[1] = Math.max(drawn[1], id);
        }
    }

    /** Reserves an id (the next one, or {@code requestedId}) and claims the username for it. */
    public long register(String username, Long requestedId, byte[] key) {
        while (true) {
            Long id = claim(username, requestedId, key);
            if (id != null) {
                if (requestedId == null) {
                    recordDrawn(id);
                } else {
                    update("SELECT setval('user_id_seq', greatest(?::bigint, (SELECT last_value FROM user_id_seq)))",
                            requestedId);
                }
                return id;
            }
            if (requestedId != null) {
                throw new UserStoreException("user id " + requestedId + " is already taken;"
                        + " leave out --id to get the next free one");
            }
            // a user added with --id by another process took the id the sequence gave: draw again
        }
    }

    private Long claim(String username, Long requestedId, byte[] key) {
        String sql = """
                WITH k AS (INSERT INTO user_keys (user_id, key)
                           SELECT coalesce(?::bigint, nextval('user_id_seq')), ?
                           WHERE NOT EXISTS (SELECT 1 FROM usernames WHERE username = ?)
                           ON CONFLICT DO NOTHING RETURNING user_id),
                     c AS (INSERT INTO usernames (username, user_id) SELECT ?, user_id FROM k
                           ON CONFLICT DO NOTHING RETURNING user_id)
                SELECT k.user_id, c.user_id FROM k LEFT JOIN c ON true""";
        return query(sql, rs -> {
            if (!rs.next()) {
                if (isTaken(username)) {
                    throw usernameTaken(username);
                }
                return null; // the id is taken
            }
            long id = rs.getLong(1);
            rs.getLong(2);
            if (rs.wasNull()) {
                if (requestedId == null) {
                    recordDrawn(id);
                }
                update("DELETE FROM user_keys WHERE user_id = ?", id);
                throw usernameTaken(username);
            }
            return id;
        }, requestedId, key, username, username);
    }

    private boolean isTaken(String username) {
        return query("SELECT 1 FROM usernames WHERE username = ?", ResultSet::next, username);
    }

    public UserRef find(String reference) {
        UserRef found = reference.matches("#[0-9]{1,18}")
                ? query("SELECT k.user_id, k.key FROM user_keys k WHERE k.user_id = ?",
                        rs -> rs.next() ? new UserRef(rs.getLong(1), reference, rs.getBytes(2)) : null,
                        Long.parseLong(reference.substring(1)))
                : query("SELECT k.user_id, k.key FROM usernames u JOIN user_keys k USING (user_id) WHERE u.username = ?",
                        rs -> rs.next() ? new UserRef(rs.getLong(1), reference, rs.getBytes(2)) : null,
                        reference);
        if (found == null) {
            throw new UserStoreException("no user named " + reference + "; `user list` shows the users there are");
        }
        return found;
    }

    public void rename(long userId, String from, String to) {
        Integer claimed = query("INSERT INTO usernames (username, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                + " RETURNING user_id", rs -> rs.next() ? 1 : 0, to, userId);
        if (claimed == 0) {
            throw usernameTaken(to);
        }
        update("DELETE FROM usernames WHERE username = ? AND user_id = ?", from, userId);
    }

    /** Releases the username and deletes the key: the user's sealed data can never be read again. */
    public void forget(long userId) {
        update("DELETE FROM usernames WHERE user_id = ?", userId);
        update("UPDATE user_keys SET key = NULL WHERE user_id = ?", userId);
    }

    /** Every user's key (forgotten users map to null), for reading many users at once. */
    public Map<Long, byte[]> keys() {
        return query("SELECT user_id, key FROM user_keys", rs -> {
            Map<Long, byte[]> keys = new HashMap<>();
            while (rs.next()) {
                keys.put(rs.getLong(1), rs.getBytes(2));
            }
            return keys;
        });
    }

    public List<String> usernames() {
        return query("SELECT username FROM usernames ORDER BY username", rs -> {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        });
    }

    public long count() {
        return query("SELECT count(*) FROM usernames", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    private static UserStoreException usernameTaken(String username) {
        return new UserStoreException("username " + username + " is already taken (usernames are unique and"
                + " case-sensitive); choose another one or `user show " + username + "`");
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> rows, Object... parameters) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("user directory query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("user directory update failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}

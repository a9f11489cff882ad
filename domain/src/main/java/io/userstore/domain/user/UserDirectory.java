package io.userstore.domain.user;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.store.Jdbc;
import io.userstore.domain.store.JdbcTransactionManager;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Usernames, ids and keys: the set-based side of the store that one aggregate cannot guard.
 * Claims are written in the caller's transaction, so they commit or roll back with the events.
 * During a batch ({@link #deferClaims()}) new claims wait in a {@link ClaimBuffer} and are written
 * together before the batch commits.
 */
public final class UserDirectory implements JdbcTransactionManager.Listener {

    private final Jdbc jdbc;
    private final IdSequence ids;
    private final ThreadLocal<ClaimBuffer> deferred = new ThreadLocal<>();
    /** The lowest and highest id this thread drew one by one in its open transaction. */
    private final ThreadLocal<long[]> drawnIds = new ThreadLocal<>();

    public UserDirectory(JdbcTransactionManager transactions) {
        this.jdbc = new Jdbc(transactions);
        this.ids = new IdSequence(jdbc);
        transactions.addListener(this);
    }

    /** From now until {@link #endDeferring()}, this thread's new claims are buffered. */
    public void deferClaims() {
        deferred.set(new ClaimBuffer(jdbc, ids, this::recordDrawn));
    }

    /** Writes the buffered claims; a clash fails with the clashing usernames (the caller rolls back). */
    public void flushClaims() {
        ClaimBuffer buffer = deferred.get();
        if (buffer == null) {
            return;
        }
        List<String> clashes = buffer.flush();
        if (!clashes.isEmpty()) {
            throw new UserStoreException("a username or id of this batch is already taken (one of "
                    + String.join(", ", clashes.subList(0, Math.min(5, clashes.size()))) + ")");
        }
    }

    public void endDeferring() {
        ClaimBuffer buffer = deferred.get();
        deferred.remove();
        if (buffer != null) {
            buffer.release();
        }
    }

    @Override
    public void committed() {
        drawnIds.remove();
    }

    @Override
    public void rolledBack() {
        long[] drawn = drawnIds.get();
        drawnIds.remove();
        if (drawn != null) {
            ids.giveBack(drawn[0], drawn[1]);
        }
    }

    /** Reserves an id (the next one, or {@code requestedId}) and claims the username for it. */
    public long register(String username, Long requestedId, byte[] key) {
        ClaimBuffer buffer = deferred.get();
        if (buffer != null) {
            Long id = buffer.register(username, requestedId, key);
            if (id == null) {
                throw usernameTaken(username);
            }
            return id;
        }
        while (true) {
            Long id = claim(username, requestedId, key);
            if (id != null) {
                if (requestedId == null) {
                    recordDrawn(id);
                } else {
                    ids.movePast(requestedId);
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
        Long id = jdbc.query("""
                INSERT INTO user_registry (user_id, username, key)
                SELECT coalesce(?::bigint, nextval('user_id_seq')), ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM user_registry WHERE username = ?)
                ON CONFLICT DO NOTHING RETURNING user_id""",
                rs -> rs.next() ? rs.getLong(1) : null, requestedId, username, key, username);
        if (id == null && isTaken(username)) {
            throw usernameTaken(username);
        }
        return id; // null: the id is taken
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

    private boolean isTaken(String username) {
        return jdbc.query("SELECT 1 FROM user_registry WHERE username = ?", ResultSet::next, username);
    }

    /** A user by username, or by {@code #ID} (which also finds forgotten users). */
    public UserRef find(String reference) {
        boolean byId = reference.matches("#[0-9]{1,18}");
        ClaimBuffer buffer = deferred.get();
        if (buffer != null) {
            ClaimBuffer.Claim claim = byId ? buffer.find(Long.parseLong(reference.substring(1))) : buffer.find(reference);
            if (claim != null) {
                return new UserRef(claim.userId(), reference, claim.key());
            }
        }
        UserRef found = byId
                ? jdbc.query("SELECT user_id, key FROM user_registry WHERE user_id = ?",
                        rs -> rs.next() ? new UserRef(rs.getLong(1), reference, rs.getBytes(2)) : null,
                        Long.parseLong(reference.substring(1)))
                : jdbc.query("SELECT user_id, key FROM user_registry WHERE username = ?",
                        rs -> rs.next() ? new UserRef(rs.getLong(1), reference, rs.getBytes(2)) : null,
                        reference);
        if (found == null) {
            throw new UserStoreException("no user named " + reference + "; `user list` shows the users there are");
        }
        return found;
    }

    public void rename(long userId, String to) {
        flushClaims();
        int renamed;
        try {
            renamed = jdbc.update("UPDATE user_registry SET username = ? WHERE user_id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM user_registry WHERE username = ?)", to, userId, to);
        } catch (Jdbc.UniqueViolation raceLost) {
            renamed = 0;
        }
        if (renamed == 0) {
            throw usernameTaken(to);
        }
    }

    /** Releases the username and deletes the key: the user's sealed data can never be read again. */
    public void forget(long userId) {
        flushClaims();
        jdbc.update("UPDATE user_registry SET username = NULL, key = NULL WHERE user_id = ?", userId);
    }

    /** Every user's key (forgotten users map to null), for reading many users at once. */
    public Map<Long, byte[]> keys() {
        flushClaims();
        return jdbc.query("SELECT user_id, key FROM user_registry", rs -> {
            Map<Long, byte[]> keys = new HashMap<>();
            while (rs.next()) {
                keys.put(rs.getLong(1), rs.getBytes(2));
            }
            return keys;
        });
    }

    public List<String> usernames() {
        flushClaims();
        return jdbc.query("SELECT username FROM user_registry WHERE username IS NOT NULL ORDER BY username", rs -> {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        });
    }

    public Map<Long, String> registeredNames(Long[] ids) {
        flushClaims();
        return jdbc.query("SELECT user_id, username FROM user_registry WHERE user_id = ANY(?)", rs -> {
            Map<Long, String> names = new HashMap<>();
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
            }
            return names;
        }, jdbc.array("bigint", ids));
    }

    public Map<String, Long> owners(String[] usernames) {
        flushClaims();
        return jdbc.query("SELECT username, user_id FROM user_registry WHERE username = ANY(?)", rs -> {
            Map<String, Long> owners = new HashMap<>();
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getLong(2));
            }
            return owners;
        }, jdbc.array("varchar", usernames));
    }

    private static UserStoreException usernameTaken(String username) {
        return new UserStoreException("username " + username + " is already taken (usernames are unique and"
                + " case-sensitive); choose another one or `user show " + username + "`");
    }
}

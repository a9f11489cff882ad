package io.userstore.domain.registry;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.log.StoreSchema;
import io.userstore.domain.tx.Jdbc;
import io.userstore.domain.tx.StoreTransaction;
import io.userstore.domain.tx.Transactions;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usernames, ids and keys: the set-based side of the store that one aggregate cannot guard.
 * Claims are written in the caller's transaction, so they commit or roll back with the events.
 * In a batch (a transaction that defers claims) new claims wait in a {@link ClaimBuffer}
 * attached to the transaction and are written together when the batch ends.
 */
public final class UserRegistry {

    private static final String TABLE = StoreSchema.REGISTRY_TABLE;

    private final Transactions transactions;
    private final Jdbc jdbc;
    private final IdSequence ids;

    public UserRegistry(Transactions transactions) {
        this.transactions = transactions;
        this.jdbc = new Jdbc(transactions);
        this.ids = new IdSequence(jdbc);
    }

    /** Reserves an id (the next one, or {@code requestedId}) and claims the username for it. */
    public long register(String username, Long requestedId, byte[] key) {
        StoreTransaction transaction = transactions.current()
                .orElseThrow(() -> new IllegalStateException("a registration needs a transaction"));
        if (transaction.defersClaims()) {
            Long id = buffer(transaction).register(username, requestedId, key);
            if (id == null) {
                throw usernameTaken(username);
            }
            return id;
        }
        while (true) {
            Long id = claim(username, requestedId, key);
            if (id != null) {
                if (requestedId == null) {
                    recordDrawn(transaction, id);
                } else {
                    transaction.afterCommit(() -> ids.movePast(requestedId));
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

    private ClaimBuffer buffer(StoreTransaction transaction) {
        return transaction.attachment(ClaimBuffer.class, () -> {
            ClaimBuffer buffer = new ClaimBuffer(jdbc, ids, id -> recordDrawn(transaction, id),
                    highest -> transaction.afterCommit(() -> ids.movePast(highest)));
            transaction.onFlush(() -> flush(transaction, buffer));
            transaction.afterCommit(buffer::release);
            transaction.afterRollback(buffer::release);
            return buffer;
        });
    }

    /** Writes the buffered claims; a clash fails with the clashing usernames (the transaction rolls back). */
    private void flush(StoreTransaction transaction, ClaimBuffer buffer) {
        transaction.detach(ClaimBuffer.class);
        List<String> clashes = buffer.flush();
        if (!clashes.isEmpty()) {
            throw new UserStoreException("a username or id of this batch is already taken (one of "
                    + String.join(", ", clashes.subList(0, Math.min(5, clashes.size()))) + ")");
        }
    }

    /** Writes this transaction's buffered claims now (what follows reads or changes them in the table). */
    private void flushClaims() {
        transactions.current().ifPresent(transaction -> {
            ClaimBuffer pending = transaction.attachment(ClaimBuffer.class, () -> null);
            if (pending != null) {
                flush(transaction, pending);
            }
        });
    }

    private Long claim(String username, Long requestedId, byte[] key) {
        Long id = jdbc.query("INSERT INTO " + TABLE + " (user_id, username, key)"
                        + " SELECT coalesce(?::bigint, nextval('" + StoreSchema.ID_SEQUENCE + "')), ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE username = ?)"
                        + " ON CONFLICT DO NOTHING RETURNING user_id",
                rs -> rs.next() ? rs.getLong(1) : null, requestedId, username, key, username);
        if (id == null && isTaken(username)) {
            throw usernameTaken(username);
        }
        return id; // null: the id is taken
    }

    /** Drawn ids go back to the sequence if the transaction rolls back and no one drew since. */
    private void recordDrawn(StoreTransaction transaction, long id) {
        DrawnIds drawn = transaction.attachment(DrawnIds.class, () -> {
            DrawnIds range = new DrawnIds();
            transaction.afterRollback(() -> ids.giveBack(range.lowest, range.highest));
            return range;
        });
        drawn.add(id);
    }

    /** The lowest and highest id a scope of a transaction drew one by one. */
    private static final class DrawnIds {
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;

        void add(long id) {
            lowest = Math.min(lowest, id);
            highest = Math.max(highest, id);
        }
    }

    private boolean isTaken(String username) {
        return jdbc.query("SELECT 1 FROM " + TABLE + " WHERE username = ?", ResultSet::next, username);
    }

    /** A user by username, or by {@code #ID} (which also finds forgotten and deleted users). */
    public UserRef find(String reference) {
        return find(reference, false);
    }

    /**
     * The user a write is about: as {@link #find(String)}, and its registry row stays locked for
     * writes from SQL until the transaction ends (they take it first too), so one user's writers
     * from Java and from SQL go one after the other.
     */
    public UserRef findForWrite(String reference) {
        return find(reference, true);
    }

    private UserRef find(String reference, boolean forWrite) {
        boolean byId = reference.matches("#[0-9]{1,18}");
        Optional<ClaimBuffer> buffer = transactions.current()
                .map(transaction -> transaction.attachment(ClaimBuffer.class, () -> null));
        if (buffer.isPresent()) {
            ClaimBuffer.Claim claim = byId ? buffer.get().find(Long.parseLong(reference.substring(1)))
                    : buffer.get().find(reference);
            if (claim != null) {
                return new UserRef(claim.userId(), reference, claim.key(), false);
            }
        }
        String lock = forWrite && transactions.current().isPresent() ? " FOR KEY SHARE" : "";
        UserRef found = byId
                ? jdbc.query("SELECT user_id, key, deleted FROM " + TABLE + " WHERE user_id = ?" + lock,
                        rs -> rs.next() ? new UserRef(rs.getLong(1), reference, rs.getBytes(2), rs.getBoolean(3)) : null,
                        Long.parseLong(reference.substring(1)))
                : jdbc.query("SELECT user_id, key, deleted FROM " + TABLE + " WHERE username = ?" + lock,
                        rs -> rs.next() ? new UserRef(rs.getLong(1), reference, rs.getBytes(2), rs.getBoolean(3)) : null,
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
            renamed = jdbc.update("UPDATE " + TABLE + " SET username = ? WHERE user_id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE username = ?)", to, userId, to);
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
        jdbc.update("UPDATE " + TABLE + " SET username = NULL, key = NULL WHERE user_id = ?", userId);
    }

    /** Frees the username of a deleted user; its key stays, so its history stays readable. */
    public void delete(long userId) {
        flushClaims();
        jdbc.update("UPDATE " + TABLE + " SET username = NULL, deleted = true WHERE user_id = ?", userId);
    }

    /** Every user's key (forgotten users map to null), for reading many users at once. */
    public Map<Long, byte[]> keys() {
        flushClaims();
        return jdbc.query("SELECT user_id, key FROM " + TABLE, rs -> {
            Map<Long, byte[]> keys = new HashMap<>();
            while (rs.next()) {
                keys.put(rs.getLong(1), rs.getBytes(2));
            }
            return keys;
        });
    }

    public List<String> usernames() {
        flushClaims();
        return jdbc.strings("SELECT username FROM " + TABLE + " WHERE username IS NOT NULL ORDER BY username");
    }

    /** The usernames registered under these ids (forgotten users map to null). */
    public Map<Long, String> registeredNames(Long[] userIds) {
        flushClaims();
        return jdbc.query("SELECT user_id, username FROM " + TABLE + " WHERE user_id = ANY(?)", rs -> {
            Map<Long, String> names = new HashMap<>();
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
            }
            return names;
        }, jdbc.array("bigint", userIds));
    }

    /** The ids owning these usernames, where they are taken. */
    public Map<String, Long> owners(String[] usernames) {
        flushClaims();
        return jdbc.query("SELECT username, user_id FROM " + TABLE + " WHERE username = ANY(?)", rs -> {
            Map<String, Long> owners = new HashMap<>();
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getLong(2));
            }
            return owners;
        }, jdbc.array("varchar", usernames));
    }

    /** How many users have a username, how many were forgotten and how many deleted. */
    public record Counts(long users, long forgotten, long deleted) {
    }

    public Counts counts() {
        return jdbc.query("SELECT count(username), count(*) FILTER (WHERE key IS NULL),"
                + " count(*) FILTER (WHERE deleted) FROM " + TABLE, rs -> {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        });
    }

    private static UserStoreException usernameTaken(String username) {
        return new UserStoreException("username " + username + " is already taken (usernames are unique and"
                + " case-sensitive); choose another one or `user show " + username + "`");
    }
}

package io.userstore.domain.registry;

import io.userstore.domain.log.StoreSchema;
import io.userstore.domain.tx.Jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The usernames and ids that a batch of script lines registers, kept in memory and written with
 * one statement per table when the batch commits, so that {@code user add} costs no round trip.
 * A clash (with the store or within the batch) fails the whole batch, which the script runner
 * then replays line by line to report exactly which line clashed.
 */
final class ClaimBuffer {

    private static final int ID_BLOCK = 256;

    record Claim(String username, long userId, byte[] key) {
    }

    private final Jdbc jdbc;
    private final IdSequence ids;
    private final LongConsumer onIdUsed;
    private final LongConsumer onIdsRequested;
    private final Map<String, Claim> byUsername = new LinkedHashMap<>();
    private final Map<Long, Claim> byId = new LinkedHashMap<>();
    private long[] pool = new long[0];
    private int poolNext;
    private long lastDrawn;
    private long highestRequested;

    /**
     * @param onIdUsed       told of every id taken from the sequence, so a rollback can give it back
     * @param onIdsRequested told of the highest id given explicitly, once the claims are written
     */
    ClaimBuffer(Jdbc jdbc, IdSequence ids, LongConsumer onIdUsed, LongConsumer onIdsRequested) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.onIdUsed = onIdUsed;
        this.onIdsRequested = onIdsRequested;
    }

    /** Registers in memory; returns null when the name or id is already claimed in this batch. */
    Long register(String username, Long requestedId, byte[] key) {
        if (byUsername.containsKey(username) || (requestedId != null && byId.containsKey(requestedId))) {
            return null;
        }
        long id = requestedId != null ? requestedId : nextId();
        if (requestedId != null) {
            highestRequested = Math.max(highestRequested, requestedId);
        }
        Claim claim = new Claim(username, id, key);
        byUsername.put(username, claim);
        byId.put(id, claim);
        return id;
    }

    Claim find(String username) {
        return byUsername.get(username);
    }

    Claim find(long id) {
        return byId.get(id);
    }

    /**
     * Writes every buffered claim in the current transaction.
     *
     * @return the usernames that clashed with the store (nothing was written if any did)
     */
    List<String> flush() {
        List<String> clashes = new ArrayList<>();
        if (!byUsername.isEmpty()) {
            List<Claim> claims = List.copyOf(byUsername.values());
            int inserted = jdbc.update("INSERT INTO " + StoreSchema.REGISTRY_TABLE + " (user_id, username, key)"
                            + " SELECT * FROM unnest(?, ?, ?) ON CONFLICT DO NOTHING",
                    jdbc.array("bigint", claims.stream().map(Claim::userId).toArray(Long[]::new)),
                    jdbc.array("varchar", claims.stream().map(Claim::username).toArray(String[]::new)),
                    jdbc.array("bytea", claims.stream().map(Claim::key).toArray(byte[][]::new)));
            if (inserted < claims.size()) {
                claims.forEach(claim -> clashes.add(claim.username()));
            } else if (highestRequested > 0) {
                onIdsRequested.accept(highestRequested);
            }
        }
        byUsername.clear();
        byId.clear();
        highestRequested = 0;
        return clashes;
    }

    /** Gives unused ids drawn ahead back to the sequence; call once the batch has ended. */
    void release() {
        if (poolNext < pool.length) {
            ids.giveBack(pool[poolNext], lastDrawn);
        }
        pool = new long[0];
        poolNext = 0;
    }

    private long nextId() {
        if (poolNext == pool.length) {
            pool = ids.draw(ID_BLOCK);
            poolNext = 0;
            lastDrawn = pool[pool.length - 1];
        }
        long id = pool[poolNext++];
        onIdUsed.accept(id);
        return id;
    }
}

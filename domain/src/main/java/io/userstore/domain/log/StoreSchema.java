package io.userstore.domain.log;

import io.userstore.domain.event.EventFunctions;
import io.userstore.domain.tx.Transactions;
import io.userstore.domain.user.UserRules;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The store's tables, all in a schema of their own ({@value #SCHEMA}), out of the way of the
 * applications that share the database: Axon's event and token tables (in snake_case), the user
 * registry, and the SQL functions that append events. Created idempotently at start; when the
 * definitions have not changed since the last start, only a fingerprint is compared. A store laid
 * out by an older release (everything in {@code public}) is moved into the schema first.
 */
public final class StoreSchema {

    public static final String SCHEMA = "userstore";
    public static final String EVENT_TABLE = SCHEMA + ".domain_event_entry";
    public static final String SNAPSHOT_TABLE = SCHEMA + ".snapshot_event_entry";
    public static final String TOKEN_TABLE = SCHEMA + ".token_entry";
    /** Usernames, ids and keys (see schema.sql). */
    public static final String REGISTRY_TABLE = SCHEMA + ".user_registry";
    public static final String ID_SEQUENCE = SCHEMA + ".user_id_seq";
    /** The names of the store's own tables, unqualified. */
    public static final java.util.Set<String> TABLE_NAMES = java.util.Set.of("domain_event_entry",
            "snapshot_event_entry", "token_entry", "user_registry", "schema_fingerprint");
    /** Serializes schema creation between processes starting on one database at once. */
    private static final long SCHEMA_LOCK = 0x7573_6572_7374_6f72L;
    private static final List<String> LEGACY_TABLES = List.of("domain_event_entry", "snapshot_event_entry",
            "token_entry", "user_registry");
    private static final Logger LOG = LoggerFactory.getLogger(StoreSchema.class);

    private StoreSchema() {
    }

    public static EventSchema events() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    public static TokenSchema tokens() {
        return TokenSchema.builder()
                .setTokenTable(TOKEN_TABLE)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Whether SQL writes can seal personal data (the pgcrypto extension could be created). */
    public static boolean sqlWritesSealed(Connection connection) throws SQLException {
        return cryptoSchema(connection) != null;
    }

    public static void create(Transactions transactions, JdbcEventStorageEngine engine, JdbcTokenStore tokenStore) {
        String ownTables = resource("schema.sql");
        transactions.executeInTransaction(() -> {
            try (Connection connection = transactions.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                String crypto = cryptoSchema(connection);
                String fingerprint = fingerprint(ownTables, crypto);
                if (fingerprint.equals(storedFingerprint(statement))) {
                    return;
                }
                if (!schemaExists(statement)) {
                    statement.execute("CREATE SCHEMA " + SCHEMA); // needs CREATE on the database, unlike using one
                }
                moveLegacyTables(statement);
                engine.createSchema(PostgresEventTableFactory.INSTANCE);
                tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
                statement.execute(ownTables);
                if (crypto == null) {
                    crypto = createCrypto(statement);
                }
                statement.execute(EventFunctions.sql(Map.of("EVENT_TABLE", EVENT_TABLE, "REGISTRY_TABLE", REGISTRY_TABLE,
                        "ID_SEQUENCE", ID_SEQUENCE, "USERNAME_CHARACTERS", UserRules.usernameCharactersRegex(),
                        "CRYPTO", crypto == null ? SCHEMA : crypto, "CRYPTO_READY", String.valueOf(crypto != null))));
                statement.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".schema_fingerprint (fingerprint text)");
                statement.execute("DELETE FROM " + SCHEMA + ".schema_fingerprint");
                statement.execute("INSERT INTO " + SCHEMA + ".schema_fingerprint VALUES ('"
                        + fingerprint(ownTables, crypto) + "')");
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the store's tables: " + e.getMessage(), e);
            }
        });
    }

    /** Stores of earlier releases kept these tables in {@code public}. */
    private static void moveLegacyTables(Statement statement) throws SQLException {
        for (String table : LEGACY_TABLES) {
            if (exists(statement, "public." + table) && !exists(statement, SCHEMA + "." + table)) {
                LOG.info("moving public.{} into schema {}", table, SCHEMA);
                statement.execute("ALTER TABLE public." + table + " SET SCHEMA " + SCHEMA);
            }
        }
        if (exists(statement, "public.user_id_seq") && !exists(statement, ID_SEQUENCE)) {
            statement.execute("ALTER SEQUENCE public.user_id_seq SET SCHEMA " + SCHEMA);
        }
        statement.execute("DROP FUNCTION IF EXISTS public.userstore_refuse_write() CASCADE");
        statement.execute("DROP FUNCTION IF EXISTS public.userstore_refuse_write_row(text, text) CASCADE");
    }

    private static boolean schemaExists(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT to_regnamespace('" + SCHEMA + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean exists(Statement statement, String relation) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT to_regclass('" + relation + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Creates pgcrypto for sealing in SQL when the server lets us; returns its schema, or null (SQL
     * writes are then refused with a message saying why).
     */
    private static String createCrypto(Statement statement) throws SQLException {
        statement.execute("SAVEPOINT crypto");
        try {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA " + SCHEMA);
            statement.execute("RELEASE SAVEPOINT crypto");
        } catch (SQLException e) {
            statement.execute("ROLLBACK TO SAVEPOINT crypto");
            LOG.warn("the pgcrypto extension cannot be created ({}); SQL writes to projected tables will be refused",
                    e.getMessage());
            return null;
        }
        return cryptoSchema(statement.getConnection());
    }

    private static String cryptoSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extnamespace::regnamespace::text FROM pg_extension"
                     + " WHERE extname = 'pgcrypto'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String storedFingerprint(Statement statement) throws SQLException {
        if (!exists(statement, SCHEMA + ".schema_fingerprint")) {
            return null;
        }
        try (ResultSet rs = statement.executeQuery("SELECT fingerprint FROM " + SCHEMA + ".schema_fingerprint")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Changes whenever a definition could: our SQL, the Java (its Unicode tables), where pgcrypto is. */
    private static String fingerprint(String ownTables, String crypto) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ownTables.getBytes(StandardCharsets.UTF_8));
            digest.update(EventFunctions.template().getBytes(StandardCharsets.UTF_8));
            digest.update(System.getProperty("java.specification.version").getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(crypto).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = StoreSchema.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

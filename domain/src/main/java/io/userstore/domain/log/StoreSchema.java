package io.userstore.domain.log;

import io.userstore.domain.event.EventFunctions;
import io.userstore.domain.tx.Transactions;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The store's tables: Axon's (in snake_case) and our own, created idempotently at start. */
public final class StoreSchema {

    public static final String EVENT_TABLE = "domain_event_entry";
    public static final String SNAPSHOT_TABLE = "snapshot_event_entry";
    public static final String TOKEN_TABLE = "token_entry";
    /** Usernames, ids and keys (see schema.sql). */
    public static final String REGISTRY_TABLE = "user_registry";
    /** Serializes schema creation between processes starting on one database at once. */
    private static final long SCHEMA_LOCK = 0x7573_6572_7374_6f72L;

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

    public static void create(Transactions transactions, JdbcEventStorageEngine engine,
                       JdbcTokenStore tokenStore) {
        transactions.executeInTransaction(() -> {
            try (Connection connection = transactions.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                engine.createSchema(PostgresEventTableFactory.INSTANCE);
                tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
                statement.execute(ownTables());
                statement.execute(EventFunctions.sql(Map.of("EVENT_TABLE", EVENT_TABLE, "REGISTRY_TABLE", REGISTRY_TABLE)));
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the store's tables: " + e.getMessage(), e);
            }
        });
    }

    private static String ownTables() {
        try (InputStream in = StoreSchema.class.getResourceAsStream("schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

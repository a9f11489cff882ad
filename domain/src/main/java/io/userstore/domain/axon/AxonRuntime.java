package io.userstore.domain.axon;

import io.userstore.domain.event.EventDecoder;
import io.userstore.domain.event.EventJson;
import io.userstore.domain.log.StoreSchema;
import io.userstore.domain.tx.Transactions;
import io.userstore.domain.user.User;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.List;

/**
 * Axon Framework 4 configured by hand (no Spring, no Axon Server): a JDBC event store on
 * PostgreSQL, Jackson everywhere XStream would otherwise be the silent default, our own JDBC
 * transaction manager, and a JDBC token store for event processors. The configuration (command
 * bus, aggregate repository) starts with the first command, so reading costs only the storage
 * engine.
 */
public final class AxonRuntime implements AutoCloseable {

    static {
        System.setProperty("disable-axoniq-console-message", "true");
    }

    private final Transactions transactions;
    private final JacksonSerializer serializer;
    private final JdbcEventStorageEngine storageEngine;
    private final JdbcTokenStore tokenStore;
    /** Started on the first write: a command that only reads never pays for it. */
    private Configuration configuration;

    /** @param serializer events, snapshots and tokens as {@link EventJson} writes them */
    public AxonRuntime(Transactions transactions, JacksonSerializer serializer) {
        this.transactions = transactions;
        this.serializer = serializer;
        storageEngine = JdbcEventStorageEngine.builder()
                .connectionProvider(transactions)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(EventDecoder.upcasters())
                .persistenceExceptionResolver(new UniqueViolationResolver())
                .schema(StoreSchema.events())
                .batchSize(1000)
                .build();
        tokenStore = JdbcTokenStore.builder()
                .connectionProvider(transactions)
                .serializer(serializer)
                .schema(StoreSchema.tokens())
                .contentType(byte[].class)
                .build();
        StoreSchema.create(transactions, storageEngine, tokenStore);
    }

    private synchronized Configuration started() {
        if (configuration == null) {
            configuration = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> serializer)
                    .configureEventSerializer(c -> serializer)
                    .configureMessageSerializer(c -> serializer)
                    .configureTransactionManager(c -> transactions)
                    // no traceId/correlationId stamped on every event: nothing here reads them back
                    .configureCorrelationDataProviders(c -> List.of())
                    .configureEmbeddedEventStore(c -> storageEngine)
                    .registerComponent(TokenStore.class, c -> tokenStore)
                    .configureCommandBus(c -> SimpleCommandBus.builder().transactionManager(transactions).build())
                    .configureAggregate(AggregateConfigurer.defaultConfiguration(User.class))
                    .buildConfiguration();
            configuration.start();
            configuration.eventBus().registerDispatchInterceptor(new TouchedUsers(transactions));
        }
        return configuration;
    }

    public CommandGateway commandGateway() {
        return started().commandGateway();
    }

    /**
     * A user's events: once commands have run, through the event store, which adds the events of
     * the unit of work in progress (a batch of script lines reads its own writes); before that,
     * straight from the table.
     */
    public synchronized DomainEventStream readEvents(String aggregateIdentifier) {
        return configuration != null ? configuration.eventStore().readEvents(aggregateIdentifier)
                : storageEngine.readEvents(aggregateIdentifier);
    }

    /** The event table as Axon reads and writes it; reading needs no running configuration. */
    public JdbcEventStorageEngine storageEngine() {
        return storageEngine;
    }

    public TokenStore tokenStore() {
        return tokenStore;
    }

    @Override
    public synchronized void close() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }
}

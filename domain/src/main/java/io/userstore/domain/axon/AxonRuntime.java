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
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.List;

/**
 * Axon Framework 4 configured by hand (no Spring, no Axon Server): a JDBC event store on
 * PostgreSQL, Jackson everywhere XStream would otherwise be the silent default, our own JDBC
 * transaction manager, and a JDBC token store for event processors.
 */
public final class AxonRuntime implements AutoCloseable {

    static {
        System.setProperty("disable-axoniq-console-message", "true");
    }

    private final Configuration configuration;
    private final JdbcEventStorageEngine storageEngine;

    public AxonRuntime(Transactions transactions) {
        JacksonSerializer serializer = EventJson.serializer();
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
        JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(transactions)
                .serializer(serializer)
                .schema(StoreSchema.tokens())
                .contentType(byte[].class)
                .build();
        StoreSchema.create(transactions, storageEngine, tokenStore);

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

    public CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    public EventStore eventStore() {
        return configuration.eventStore();
    }

    public JdbcEventStorageEngine storageEngine() {
        return storageEngine;
    }

    public TokenStore tokenStore() {
        return configuration.getComponent(TokenStore.class);
    }

    @Override
    public void close() {
        configuration.shutdown();
    }
}

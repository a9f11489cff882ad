package io.userstore.domain;

import com.zaxxer.hikari.HikariDataSource;
import io.userstore.domain.axon.AxonRuntime;
import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.event.EventJson;
import io.userstore.domain.log.EventLog;
import io.userstore.domain.log.StoreSchema;
import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.domain.read.UserQueries;
import io.userstore.domain.registry.UserRegistry;
import io.userstore.domain.server.ConnectionPool;
import io.userstore.domain.server.DatabaseUrl;
import io.userstore.domain.server.EmbeddedServer;
import io.userstore.domain.tx.Jdbc;
import io.userstore.domain.tx.Transactions;
import io.userstore.domain.tx.UnitsOfWork;
import io.userstore.domain.write.UserWrites;

import org.axonframework.serialization.json.JacksonSerializer;

import javax.sql.DataSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An open store: the PostgreSQL server (embedded under the home directory, or external), its
 * connection pool, Axon, and the services the commands use. Close it to release the server.
 */
public final class UserStore implements AutoCloseable {

    /** The schema the store's own tables and functions live in, out of the applications' way. */
    public static final String SCHEMA = StoreSchema.SCHEMA;
    /** The store's own tables in that schema (no table applications read may be named so). */
    public static final java.util.Set<String> TABLES = StoreSchema.TABLE_NAMES;

    private final StoreSettings settings;
    private final EmbeddedServer embedded;
    private final HikariDataSource dataSource;
    private final String applicationName;
    private final String location;
    private final Transactions transactions;
    private final AxonRuntime axon;
    private final EventLog log;
    private final UserRegistry registry;
    private final UserWrites users;
    private final UserQueries queries;
    private final UnitsOfWork units;

    private UserStore(StoreSettings settings, EmbeddedServer embedded, HikariDataSource dataSource,
                      String applicationName, String location, JacksonSerializer serializer) {
        this.settings = settings;
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.applicationName = applicationName;
        this.location = location;
        this.transactions = new Transactions(dataSource, location);
        this.axon = new AxonRuntime(transactions, serializer);
        this.log = new EventLog(transactions);
        PersonalDataCipher cipher = new PersonalDataCipher();
        DjangoPasswordHasher hasher = new DjangoPasswordHasher(settings.passwordIterations());
        this.registry = new UserRegistry(transactions);
        this.units = new UnitsOfWork(transactions);
        this.users = new UserWrites(axon::commandGateway, registry, cipher, hasher, units);
        this.queries = new UserQueries(axon::readEvents, axon.storageEngine(), registry, cipher, hasher, log);
    }

    /**
     * Opens the store. The event codec (Jackson's deserializers, the JVM's security providers) is
     * made on another thread meanwhile: joining the server and opening the pool mostly wait, and
     * a short command would otherwise pay for both one after the other.
     */
    public static UserStore open(StoreSettings settings) {
        CompletableFuture<JacksonSerializer> codec = CompletableFuture.supplyAsync(() -> {
            PersonalDataCipher.loadProviders();
            return EventJson.preparedSerializer();
        });
        String applicationName = "userstore-" + ProcessHandle.current().pid();
        EmbeddedServer embedded = settings.embedded() ? EmbeddedServer.startOrJoin(settings.home(), settings.linger()) : null;
        HikariDataSource dataSource = null;
        try {
            String location;
            if (embedded != null) {
                location = "the embedded store under " + settings.home();
                dataSource = ConnectionPool.open(embedded.jdbcUrl(), "postgres", null, location, applicationName);
            } else {
                DatabaseUrl url = DatabaseUrl.parse(settings.databaseUrl());
                location = url.describe();
                dataSource = ConnectionPool.open(url.jdbcUrl(), url.user(), url.password(), location, applicationName);
            }
            return new UserStore(settings, embedded, dataSource, applicationName, location, prepared(codec));
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            if (embedded != null) {
                embedded.leave(applicationName, () -> { });
            }
            throw e;
        }
    }

    private static JacksonSerializer prepared(CompletableFuture<JacksonSerializer> codec) {
        try {
            return codec.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public UserWrites users() {
        return users;
    }

    public UserQueries queries() {
        return queries;
    }

    /** A batch of operations in one transaction (see {@link Batch}); their username claims are written together. */
    public Batch beginBatch(String what) {
        return units.beginBatch(what);
    }

    /** A batch of all-or-nothing work inside the open transaction: a failure rolls back the whole. */
    public Batch beginGroup(String what) {
        return units.beginGroup(what);
    }

    /** One transaction for everything that follows on this thread, until it ends. */
    public Batch beginTransaction() {
        return units.beginTransaction();
    }

    public StoreInfo info() {
        EventLog.Statistics events = log.statistics();
        UserRegistry.Counts users = registry.counts();
        String version = new Jdbc(transactions).query("SELECT current_setting('server_version')",
                rs -> rs.next() ? rs.getString(1) : null);
        return new StoreInfo(location(), version, events.events(), users.users(), users.forgotten(), users.deleted(),
                events.lastEventAt());
    }

    public Transactions transactions() {
        return transactions;
    }

    public EventLog eventLog() {
        return log;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Where the store is, for messages: "the embedded store under HOME", or host:port/database. */
    public String describe() {
        return location;
    }

    /** Where the store is, for the prompt and {@code store info}: the home or host:port/database. */
    public String location() {
        return embedded != null ? "embedded " + settings.home() : location;
    }

    @Override
    public void close() {
        axon.close();
        if (embedded != null) {
            embedded.leave(applicationName, dataSource::close);
        } else {
            dataSource.close();
        }
    }
}

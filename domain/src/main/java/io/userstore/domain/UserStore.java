package io.userstore.domain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.domain.store.AxonRuntime;
import io.userstore.domain.store.Batch;
import io.userstore.domain.store.StoreInfo;
import io.userstore.domain.store.StoreStatistics;
import io.userstore.domain.store.DatabaseUrl;
import io.userstore.domain.store.EmbeddedServer;
import io.userstore.domain.store.JdbcTransactionManager;
import io.userstore.domain.store.StoreSettings;
import io.userstore.domain.store.UnitsOfWork;
import io.userstore.domain.user.UserCommandService;
import io.userstore.domain.store.Jdbc;
import io.userstore.domain.user.EventVocabulary;
import io.userstore.domain.user.UserDirectory;
import io.userstore.domain.user.UserQueries;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An open store: the PostgreSQL server (embedded under the home directory, or external), its
 * connection pool, Axon, and the services the commands use. Close it to release the server.
 */
public final class UserStore implements AutoCloseable {

    private final StoreSettings settings;
    private final EmbeddedServer embedded;
    private final HikariDataSource dataSource;
    private final String applicationName;
    private final JdbcTransactionManager transactions;
    private final AxonRuntime axon;
    private final UserCommandService users;
    private final UserQueries queries;
    private final UnitsOfWork units;
    private final UserDirectory directory;

    private UserStore(StoreSettings settings, EmbeddedServer embedded, HikariDataSource dataSource,
                      String applicationName) {
        this.settings = settings;
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.applicationName = applicationName;
        this.transactions = new JdbcTransactionManager(dataSource);
        this.axon = new AxonRuntime(transactions);
        PersonalDataCipher cipher = new PersonalDataCipher();
        DjangoPasswordHasher hasher = new DjangoPasswordHasher(settings.passwordIterations());
        this.directory = new UserDirectory(transactions);
        this.units = new UnitsOfWork(transactions);
        this.users = new UserCommandService(axon.commandGateway(), directory, cipher, hasher, units);
        this.queries = new UserQueries(axon.eventStore(), axon.storageEngine(), directory, cipher, hasher,
                new EventVocabulary(new Jdbc(transactions)));
    }

    public static UserStore open(StoreSettings settings) {
        String applicationName = "userstore-" + ProcessHandle.current().pid();
        EmbeddedServer embedded = settings.embedded() ? EmbeddedServer.startOrJoin(settings.home()) : null;
        HikariDataSource dataSource = null;
        try {
            dataSource = pool(settings, embedded, applicationName);
            return new UserStore(settings, embedded, dataSource, applicationName);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            if (embedded != null) {
                embedded.leave(() -> 0);
            }
            throw e;
        }
    }

    private static HikariDataSource pool(StoreSettings settings, EmbeddedServer embedded, String applicationName) {
        HikariConfig config = new HikariConfig();
        String where;
        if (embedded != null) {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
            where = "the embedded store under " + settings.home();
        } else {
            DatabaseUrl url = DatabaseUrl.parse(settings.databaseUrl());
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(url.user());
            config.setPassword(url.password());
            where = url.describe();
        }
        config.setPoolName("userstore");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", applicationName);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreUnavailableException("cannot reach " + where + ": " + cause.getMessage()
                    + "; check that the server runs and the URL is right", e);
        }
    }

    public UserCommandService users() {
        return users;
    }

    public UserQueries queries() {
        return queries;
    }

    /**
     * A batch of operations in one transaction (see {@link Batch}); their username claims are
     * written together when it commits.
     */
    public Batch beginBatch(String what) {
        Batch batch = units.beginBatch(what);
        directory.deferClaims();
        return new Batch() {
            @Override
            public void commit() {
                try {
                    directory.flushClaims();
                } catch (RuntimeException clash) {
                    rollback();
                    throw clash;
                }
                try {
                    batch.commit();
                } finally {
                    directory.endDeferring();
                }
            }

            @Override
            public void rollback() {
                try {
                    directory.endDeferring(); // first: unused ids go back before the used ones are
                } finally {
                    batch.rollback();
                }
            }
        };
    }

    /** One transaction for everything that follows on this thread, until it ends. */
    public Batch beginTransaction() {
        return units.beginTransaction();
    }

    public StoreInfo info() {
        return new StoreStatistics(transactions).read(location());
    }

    public JdbcTransactionManager transactions() {
        return transactions;
    }

    public AxonRuntime axon() {
        return axon;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Where the store is, for the prompt and {@code store info}: the home or host:port/database. */
    public String location() {
        return embedded != null ? "embedded " + settings.home() : DatabaseUrl.parse(settings.databaseUrl()).describe();
    }

    @Override
    public void close() {
        axon.close();
        if (embedded != null) {
            embedded.leave(this::otherClients);
        }
        dataSource.close();
    }

    private long otherClients() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                             + " AND application_name <> ?")) {
            statement.setString(1, applicationName);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }
}

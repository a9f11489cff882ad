package io.userstore.domain.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.userstore.domain.StoreUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The store's connections: a HikariCP pool on the embedded server or on the server a URL names. */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * @param where           what the connection is to, for messages
     * @param applicationName tells this process's connections apart on the server
     */
    public static HikariDataSource open(String jdbcUrl, String user, String password, String where,
                                        String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
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

    /** How many client connections other processes hold on the server. */
    public static long otherClients(HikariDataSource pool, String applicationName) {
        try (Connection connection = pool.getConnection();
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

package io.userstore.domain.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.userstore.domain.StoreUnavailableException;

import java.sql.SQLException;

/** The store's connections: a HikariCP pool on the embedded server or on the server a URL names. */
public final class ConnectionPool {

    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

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
        // A server that is down, a wrong password or a missing database is reported at the first
        // attempt; a connection lost later is reported after a short wait, not a long retry.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", applicationName);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnavailableException(unreachable(where, e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /** One line for why the first connection failed, and what to do about it. */
    static String unreachable(String where, Throwable cause) {
        String state = cause instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
        String message = String.valueOf(cause.getMessage()).replaceFirst("^FATAL: ", "");
        if (state.equals("3D000")) {
            return "cannot open " + where + ": " + message + "; create it, or name another database in the URL";
        }
        if (state.startsWith("28")) {
            return "cannot log in to " + where + ": " + message + "; check the user and password in the URL";
        }
        if (message.contains("refused")) {
            return "cannot reach " + where + ": the connection was refused; check that the server runs and the"
                    + " host and port in the URL are right";
        }
        return "cannot reach " + where + ": " + message.replaceFirst("\\.$", "")
                + "; check that the server runs and the URL is right";
    }
}

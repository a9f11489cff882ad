package io.userstore.projections.engine;

import io.userstore.domain.UserStoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One process builds a version at a time: it holds a session lock on a connection of its own
 * for as long as the build runs, and gives it back when it ends (a pooled connection outlives
 * the build, so its session lock must not).
 */
final class BuildLock implements AutoCloseable {

    private final Connection connection;
    private final String name;
    private final int version;

    private BuildLock(Connection connection, String name, int version) {
        this.connection = connection;
        this.name = name;
        this.version = version;
    }

    /** Takes the lock, or fails saying another process is building the version. */
    static BuildLock take(DataSource dataSource, String name, int version) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!call(connection, "pg_try_advisory_lock", name, version)) {
                throw new UserStoreException("projection " + name + " v" + version
                        + " is being built by another process; `projection status " + name + "` follows it");
            }
            return new BuildLock(connection, name, version);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not take the build lock: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            call(connection, "pg_advisory_unlock", name, version);
        } catch (SQLException e) {
            // the lock ends with the session at the latest
        } finally {
            closeQuietly(connection);
        }
    }

    private static boolean call(Connection connection, String function, String name, int version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + function + "(hashtext('userstore-build'), hashtext(? || ':' || ?))")) {
            statement.setString(1, name);
            statement.setInt(2, version);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}

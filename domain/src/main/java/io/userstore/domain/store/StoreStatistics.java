package io.userstore.domain.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts for {@code store info}, in one round trip. */
public final class StoreStatistics {

    private final JdbcTransactionManager transactions;

    public StoreStatistics(JdbcTransactionManager transactions) {
        this.transactions = transactions;
    }

    public StoreInfo read(String location) {
        String sql = "SELECT current_setting('server_version'),"
                + " (SELECT count(*) FROM " + StoreSchema.EVENT_TABLE + "),"
                + " (SELECT count(username) FROM user_registry),"
                + " (SELECT count(*) FROM user_registry WHERE key IS NULL),"
                + " (SELECT max(time_stamp) FROM " + StoreSchema.EVENT_TABLE + ")";
        try (Connection connection = transactions.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return new StoreInfo(location, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getString(5));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the store's statistics: " + e.getMessage(), e);
        }
    }
}

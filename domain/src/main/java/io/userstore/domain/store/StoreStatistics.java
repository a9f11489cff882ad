package io.userstore.domain.store;

/** Counts for {@code store info}, in one round trip. */
public final class StoreStatistics {

    private final Jdbc jdbc;

    public StoreStatistics(JdbcTransactionManager transactions) {
        this.jdbc = new Jdbc(transactions);
    }

    public StoreInfo read(String location) {
        return jdbc.query("SELECT current_setting('server_version'),"
                + " (SELECT count(*) FROM " + StoreSchema.EVENT_TABLE + "),"
                + " (SELECT count(username) FROM user_registry),"
                + " (SELECT count(*) FROM user_registry WHERE key IS NULL),"
                + " (SELECT max(time_stamp) FROM " + StoreSchema.EVENT_TABLE + ")", rs -> {
            rs.next();
            return new StoreInfo(location, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
        });
    }
}

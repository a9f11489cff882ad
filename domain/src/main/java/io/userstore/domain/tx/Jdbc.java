package io.userstore.domain.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers running on the current transaction's connection (or a pooled one outside). */
public final class Jdbc {

    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Work on a connection, inside a transaction. */
    @FunctionalInterface
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** A unique constraint refused the statement: another writer got there first. */
    public static final class UniqueViolation extends IllegalStateException {
        UniqueViolation(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Transactions transactions;

    public Jdbc(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Runs work in a transaction: its own, or the one already open on this thread (which it joins). */
    public void inTransaction(Work work) {
        transactions.executeInTransaction(() -> {
            try {
                work.run(transactions.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    public <T> T query(String sql, Rows<T> rows, Object... parameters) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) {
        return query(sql, rs -> {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }, parameters);
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new UniqueViolation(e);
            }
            throw new IllegalStateException("update failed: " + e.getMessage(), e);
        }
    }

    /** Runs SQL text that may hold several statements (DDL scripts). */
    public void script(String sql) {
        try (Connection connection = transactions.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("script failed: " + e.getMessage(), e);
        }
    }

    /** A SQL array parameter, for statements that take many rows in one round trip. */
    public java.sql.Array array(String type, Object[] elements) {
        try (Connection connection = transactions.getConnection()) {
            return connection.createArrayOf(type, elements);
        } catch (SQLException e) {
            throw new IllegalStateException("could not build a " + type + " array: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}

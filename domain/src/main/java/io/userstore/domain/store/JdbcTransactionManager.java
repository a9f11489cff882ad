package io.userstore.domain.store;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * JDBC transactions for Axon and for our own SQL, bound to the current thread. Axon's JDBC
 * helpers close the connection after every statement, so inside a transaction
 * {@link #getConnection()} hands out a view whose {@code close()} does nothing. A transaction
 * started inside another one joins it; if the inner one rolls back, the outer one can only
 * roll back.
 */
public final class JdbcTransactionManager implements TransactionManager, ConnectionProvider {

    /** Told about the transactions of this manager. */
    public interface Listener {
        /** Still inside the transaction, just before it commits; a failure here rolls it back. */
        default void beforeCommit() {
        }

        /** After the commit, the connection released. */
        default void committed() {
        }

        /** After the rollback, the connection released. */
        default void rolledBack() {
        }
    }

    private final DataSource dataSource;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public JdbcTransactionManager(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        Bound outer = bound.get();
        if (outer != null) {
            return new JoinedTransaction(outer);
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            Bound started = new Bound(connection);
            bound.set(started);
            return new OwnTransaction(started);
        } catch (SQLException e) {
            throw new IllegalStateException("could not start a database transaction: " + e.getMessage(), e);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public boolean inTransaction() {
        return bound.get() != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Bound current = bound.get();
        return current == null ? dataSource.getConnection() : current.unclosable;
    }

    private final class OwnTransaction implements Transaction {
        private final Bound state;

        OwnTransaction(Bound state) {
            this.state = state;
        }

        @Override
        public void commit() {
            if (state.rollbackOnly) {
                rollback();
                throw new IllegalStateException("the transaction was marked for rollback by a nested unit of work");
            }
            try {
                listeners.forEach(Listener::beforeCommit);
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
            finish(true);
        }

        @Override
        public void rollback() {
            finish(false);
        }

        private void finish(boolean commit) {
            try (Connection connection = state.connection) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new IllegalStateException("could not " + (commit ? "commit" : "roll back")
                        + " the database transaction: " + e.getMessage(), e);
            } finally {
                bound.remove();
                listeners.forEach(commit ? Listener::committed : Listener::rolledBack);
            }
        }
    }

    private static final class JoinedTransaction implements Transaction {
        private final Bound outer;

        JoinedTransaction(Bound outer) {
            this.outer = outer;
        }

        @Override
        public void commit() {
            // the outer transaction commits
        }

        @Override
        public void rollback() {
            outer.rollbackOnly = true;
        }
    }

    private static final class Bound {
        final Connection connection;
        final Connection unclosable;
        boolean rollbackOnly;

        Bound(Connection connection) {
            this.connection = connection;
            this.unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}

package io.userstore.domain.tx;

import io.userstore.domain.Failures;
import io.userstore.domain.StoreUnavailableException;
import io.userstore.domain.UserStoreException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * JDBC transactions for Axon and for our own SQL, one {@link StoreTransaction} bound to the
 * current thread. Axon's JDBC helpers close the connection after every statement, so inside a
 * transaction {@link #getConnection()} hands out one whose {@code close()} does nothing. A
 * transaction started inside another one joins it; if the inner one rolls back, the outer one
 * can only roll back. Before a commit, the transaction's own flush steps run, then the
 * {@link CommitHook}s with the users it touched.
 */
public final class Transactions implements TransactionManager, ConnectionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private final DataSource dataSource;
    private final String location;
    private final ThreadLocal<StoreTransaction> bound = new ThreadLocal<>();
    private final List<CommitHook> commitHooks = new CopyOnWriteArrayList<>();

    /** @param location where the database is, for messages ("the embedded store under ~/.userstore") */
    public Transactions(DataSource dataSource, String location) {
        this.dataSource = dataSource;
        this.location = location;
    }

    @Override
    public Transaction startTransaction() {
        StoreTransaction outer = bound.get();
        return outer != null ? new JoinedTransaction(outer) : begin(false);
    }

    /**
     * Starts a transaction of its own on this thread.
     *
     * @param deferClaims whether username claims wait for the commit (a batch of script lines)
     */
    public Transaction begin(boolean deferClaims) {
        if (bound.get() != null) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            StoreTransaction started = new StoreTransaction(connection, deferClaims);
            bound.set(started);
            return new OwnTransaction(started);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The transaction open on this thread, if any. */
    public Optional<StoreTransaction> current() {
        return Optional.ofNullable(bound.get());
    }

    /** A batch inside the transaction open on this thread (see {@link StoreTransaction#batch}). */
    public StoreTransaction.Savepoint batch(boolean withSavepoint) {
        return current().orElseThrow(() -> new IllegalStateException("no transaction to hold a batch"))
                .batch(withSavepoint);
    }

    public void addCommitHook(CommitHook hook) {
        commitHooks.add(hook);
    }

    /** The transaction on this thread is about to append its first event. */
    public void beforeAppending() {
        commitHooks.forEach(CommitHook::beforeAppending);
    }

    @Override
    public Connection getConnection() throws SQLException {
        StoreTransaction current = bound.get();
        return current == null ? dataSource.getConnection() : current.connection();
    }

    /** Where the database is, for messages. */
    public String location() {
        return location;
    }

    /** Whether the server is gone rather than refusing something; a connection call failing without a state counts. */
    static boolean lostConnection(SQLException e) {
        return e.getSQLState() == null || Failures.lostTheServer(e);
    }

    StoreUnavailableException unavailable(SQLException e) {
        return new StoreUnavailableException("lost the connection to " + location + " (" + Failures.describe(e) + ")", e);
    }

    private final class OwnTransaction implements Transaction {
        private final StoreTransaction state;

        OwnTransaction(StoreTransaction state) {
            this.state = state;
        }

        @Override
        public void commit() {
            if (state.rollbackOnly()) {
                rollback();
                throw new IllegalStateException("the transaction was marked for rollback by a nested unit of work");
            }
            try {
                state.flush();
                if (!state.touchedUsers().isEmpty()) {
                    for (CommitHook hook : commitHooks) {
                        hook.beforeCommit(state.touchedUsers());
                    }
                }
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
            try (Connection connection = state.rawConnection()) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                if (commit) {
                    throw lostConnection(e) ? unavailable(e) : new UserStoreException("the database refused the commit: "
                            + Failures.describe(e), e);
                }
                LOG.warn("the rollback failed (the server ends the transaction anyway): {}", Failures.describe(e));
            } finally {
                bound.remove();
                state.afterCompletion(commit).forEach(Runnable::run);
            }
        }
    }

    private static final class JoinedTransaction implements Transaction {
        private final StoreTransaction outer;

        JoinedTransaction(StoreTransaction outer) {
            this.outer = outer;
        }

        @Override
        public void commit() {
            // the outer transaction commits
        }

        @Override
        public void rollback() {
            outer.markRollbackOnly();
        }
    }
}

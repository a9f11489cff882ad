package io.userstore.domain.tx;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One database transaction of the store and everything it did: its connection, the users whose
 * events it appended, and what the parts of the store attach to it (a batch's username claims,
 * the ids it drew), with the steps they want run at its end. A batch inside a transaction that
 * is already open (a script run with {@code -1}) is a savepoint: its own scope of attachments
 * and steps, flushed when the savepoint is released and dropped when it is rolled back to.
 */
public final class StoreTransaction {

    private final Connection connection;
    private final Connection unclosable;
    private final Set<Long> touchedUsers = new LinkedHashSet<>();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private boolean rollbackOnly;
    private int savepoints;

    /** What one scope (the transaction, or one savepoint in it) collected. */
    private static final class Scope {
        final boolean deferClaims;
        final String savepoint;
        final Map<Class<?>, Object> attachments = new HashMap<>();
        final List<Runnable> flushSteps = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterRollback = new ArrayList<>();

        Scope(boolean deferClaims, String savepoint) {
            this.deferClaims = deferClaims;
            this.savepoint = savepoint;
        }
    }

    StoreTransaction(Connection connection, boolean deferClaims) {
        this.connection = connection;
        this.unclosable = unclosable(connection);
        scopes.push(new Scope(deferClaims, null));
    }

    /** The connection, whose {@code close()} does nothing while the transaction is open. */
    public Connection connection() {
        return unclosable;
    }

    /** Records that this transaction appends events of the user; true for its first such user. */
    public boolean touch(long userId) {
        boolean first = touchedUsers.isEmpty();
        touchedUsers.add(userId);
        return first;
    }

    public Set<Long> touchedUsers() {
        return Collections.unmodifiableSet(touchedUsers);
    }

    /** The rows of the users touched so far are made already (a build in this transaction made them). */
    public void rowsAreCurrent() {
        touchedUsers.clear();
    }

    /** Whether new username claims may wait for the end of the current scope (a batch). */
    public boolean defersClaims() {
        return scopes.peek().deferClaims;
    }

    /** What the current scope holds of this type, made on first use. */
    public <T> T attachment(Class<T> type, Supplier<T> make) {
        return type.cast(scopes.peek().attachments.computeIfAbsent(type, ignored -> make.get()));
    }

    /** Drops the current scope's attachment of this type. */
    public void detach(Class<?> type) {
        scopes.peek().attachments.remove(type);
    }

    /** Runs at the end of the current scope, still inside the transaction; a failure rolls it back. */
    public void onFlush(Runnable step) {
        scopes.peek().flushSteps.add(step);
    }

    /** Runs once the transaction has committed. */
    public void afterCommit(Runnable step) {
        scopes.peek().afterCommit.add(step);
    }

    /** Runs once the current scope has been rolled back. */
    public void afterRollback(Runnable step) {
        scopes.peek().afterRollback.add(step);
    }

    void markRollbackOnly() {
        rollbackOnly = true;
    }

    boolean rollbackOnly() {
        return rollbackOnly;
    }

    /** Runs the current scope's flush steps (each once). */
    void flush() {
        List<Runnable> steps = scopes.peek().flushSteps;
        while (!steps.isEmpty()) {
            steps.remove(0).run();
        }
    }

    /**
     * Opens a batch inside this transaction: until it ends, attachments and steps are its own. With
     * a savepoint its failure can be undone alone; without, a failure leaves the whole transaction
     * to roll back (cheaper, for work that is all or nothing anyway).
     */
    Savepoint batch(boolean withSavepoint) {
        String name = withSavepoint ? "userstore_batch_" + (++savepoints) : null;
        if (withSavepoint) {
            execute("SAVEPOINT " + name);
        }
        scopes.push(new Scope(true, name));
        Scope opened = scopes.peek();
        boolean rollbackOnlyBefore = rollbackOnly;
        return new Savepoint() {
            @Override
            public void release() {
                requireTop(opened);
                flush();
                if (withSavepoint) {
                    execute("RELEASE SAVEPOINT " + name);
                }
                Scope released = scopes.pop();
                scopes.peek().afterCommit.addAll(released.afterCommit);
                scopes.peek().afterRollback.addAll(released.afterRollback);
            }

            @Override
            public void rollback() {
                requireTop(opened);
                Scope dropped = scopes.pop();
                if (withSavepoint) {
                    execute("ROLLBACK TO SAVEPOINT " + name);
                    rollbackOnly = rollbackOnlyBefore;
                } else {
                    rollbackOnly = true;
                }
                dropped.afterRollback.forEach(Runnable::run);
            }
        };
    }

    /** A batch inside this transaction. */
    public interface Savepoint {
        void release();

        void rollback();
    }

    Connection rawConnection() {
        return connection;
    }

    /** The after-completion steps of every scope, once the transaction has ended. */
    List<Runnable> afterCompletion(boolean committed) {
        List<Runnable> steps = new ArrayList<>();
        for (Scope scope : scopes) {
            steps.addAll(committed ? scope.afterCommit : scope.afterRollback);
        }
        return steps;
    }

    private void requireTop(Scope scope) {
        if (scopes.peek() != scope) {
            throw new IllegalStateException("a batch ended that is not the innermost one");
        }
    }

    private void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
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

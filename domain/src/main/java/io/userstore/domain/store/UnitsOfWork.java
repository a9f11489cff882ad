package io.userstore.domain.store;

import io.userstore.domain.UserStoreException;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.function.Supplier;

/**
 * Runs one user-level operation (which may send several commands) atomically: its commands,
 * username claims and event appends commit in one database transaction or not at all. Inside a
 * unit of work that is already running (a batch of script lines), it joins it. When another
 * writer changed the same user first, the operation is retried on the fresh state: an update is
 * never lost, and never applied over a state it did not see.
 */
public final class UnitsOfWork {

    private static final int ATTEMPTS = 10;

    private final JdbcTransactionManager transactions;

    public UnitsOfWork(JdbcTransactionManager transactions) {
        this.transactions = transactions;
    }

    public <T> T run(String what, Supplier<T> work) {
        if (CurrentUnitOfWork.isStarted()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(what));
            try {
                unitOfWork.attachTransaction(transactions);
                T result = work.get();
                unitOfWork.commit();
                return result;
            } catch (ConcurrencyException e) {
                rollbackIfActive(unitOfWork, e);
                if (attempt == ATTEMPTS) {
                    throw new UserStoreException(what + ": other writers kept changing the same user "
                            + ATTEMPTS + " times in a row; try again", e);
                }
            } catch (RuntimeException | Error e) {
                rollbackIfActive(unitOfWork, e);
                throw e;
            }
        }
    }

    public void run(String what, Runnable work) {
        run(what, () -> {
            work.run();
            return null;
        });
    }

    /** Starts a batch on this thread: operations run until commit or rollback join it. */
    public Batch beginBatch(String what) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(what));
        unitOfWork.attachTransaction(transactions);
        return new Batch() {
            @Override
            public void commit() {
                unitOfWork.commit();
            }

            @Override
            public void rollback() {
                rollbackIfActive(unitOfWork, null);
            }
        };
    }

    /**
     * Starts a database transaction on this thread that every later batch and operation joins,
     * until it commits or rolls back: a script run with {@code --single-transaction}.
     */
    public Batch beginTransaction() {
        org.axonframework.common.transaction.Transaction transaction = transactions.startTransaction();
        return new Batch() {
            @Override
            public void commit() {
                transaction.commit();
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }

    private static void rollbackIfActive(DefaultUnitOfWork<?> unitOfWork, Throwable cause) {
        if (unitOfWork.isActive()) {
            unitOfWork.rollback(cause);
        }
    }
}

package io.userstore.domain.tx;

import io.userstore.domain.Batch;
import io.userstore.domain.Failures;
import io.userstore.domain.UserStoreException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.function.Supplier;

/**
 * Runs one user-level operation (which may send several commands) atomically: its commands,
 * username claims and event appends commit in one database transaction or not at all. Inside a
 * unit of work that is already running (a batch of script lines), it joins it. When another
 * writer changed the same user first, the operation is retried on the fresh state after a short,
 * growing, random pause: an update is never lost, and never applied over a state it did not see.
 */
public final class UnitsOfWork {

    private static final int ATTEMPTS = 12;

    private final Transactions transactions;

    public UnitsOfWork(Transactions transactions) {
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
            } catch (RuntimeException | Error e) {
                rollbackIfActive(unitOfWork, e);
                if (!Failures.lostARace(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new UserStoreException(what + ": other writers kept changing the same user "
                            + ATTEMPTS + " times in a row; try again", e);
                }
                Failures.pauseBeforeRetry(attempt);
            }
        }
    }

    public void run(String what, Runnable work) {
        run(what, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Starts a batch on this thread: operations run until commit or rollback join it, and their
     * username claims wait for its commit. Inside an open transaction the batch is a savepoint, so
     * a failing batch can be undone alone.
     */
    public Batch beginBatch(String what) {
        return beginBatch(what, true);
    }

    /**
     * A batch that, inside an open transaction, only groups its work (no savepoint): when it fails,
     * the whole transaction rolls back. For work that is all or nothing, such as an import.
     */
    public Batch beginGroup(String what) {
        return beginBatch(what, false);
    }

    private Batch beginBatch(String what, boolean undoableAlone) {
        Transaction own = transactions.current().isPresent() ? null : transactions.begin(true);
        StoreTransaction.Savepoint savepoint = own == null ? transactions.batch(undoableAlone) : null;
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(what));
        unitOfWork.attachTransaction(transactions);
        return new Batch() {
            @Override
            public void commit() {
                try {
                    unitOfWork.commit();
                    if (own != null) {
                        own.commit();
                    } else {
                        savepoint.release();
                    }
                } catch (RuntimeException | Error e) {
                    endAfterFailure();
                    throw e;
                }
            }

            @Override
            public void rollback() {
                rollbackIfActive(unitOfWork, null);
                endAfterFailure();
            }

            private void endAfterFailure() {
                if (own != null) {
                    if (transactions.current().isPresent()) {
                        own.rollback();
                    }
                } else {
                    savepoint.rollback();
                }
            }
        };
    }

    /**
     * Starts a database transaction on this thread that every later batch and operation joins,
     * until it commits or rolls back: a script run with {@code --single-transaction}.
     */
    public Batch beginTransaction() {
        Transaction transaction = transactions.begin(false);
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

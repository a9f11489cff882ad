package io.userstore.domain;

/**
 * Many operations committed together: one database transaction and one unit of work, which the
 * operations run inside join. If one of them fails, or the commit loses a race, everything in
 * the batch is rolled back and the caller runs the operations again one by one.
 */
public interface Batch {

    void commit();

    void rollback();
}

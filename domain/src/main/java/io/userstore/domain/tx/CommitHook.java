package io.userstore.domain.tx;

import java.util.Set;

/**
 * Runs inside every transaction that appended events, just before it commits, with the ids of
 * the users whose events it appended: projections in service use it to stay current in the same
 * transaction (an application reading them sees its own writes). A failure rolls back the
 * transaction, events and all.
 */
@FunctionalInterface
public interface CommitHook {

    /**
     * Runs once per transaction, before its first event is appended: a hook that will write
     * tables at the commit can lock them now, so every writer takes its locks in one order.
     */
    default void beforeAppending() {
    }

    void beforeCommit(Set<Long> touchedUserIds);
}

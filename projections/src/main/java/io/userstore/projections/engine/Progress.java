package io.userstore.projections.engine;

/** Told how a long build goes: the shell shows a progress bar or a summary line. */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /** The replay is about to read roughly {@code events} events. */
    default void start(String what, long events) {
    }

    /** {@code events} more were read. */
    default void advance(long events) {
    }

    default void finish() {
    }
}

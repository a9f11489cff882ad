package io.userstore.domain;

/** Told how long work goes (a build, an import): the shell shows a progress bar on a terminal. */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /** The work is about to handle roughly {@code total} items. */
    default void start(String what, long total) {
    }

    /** {@code done} more are handled. */
    default void advance(long done) {
    }

    default void finish() {
    }
}

package io.userstore.projections.api;

/** Where a projection version stands. */
public enum VersionState {
    /** Replaying the log, or catching up with it; a crash or Ctrl-C leaves it here, to be resumed. */
    BUILDING,
    /** Caught up and kept current. */
    READY,
    /** The build met something it cannot hold; {@code error} says what. */
    FAILED;

    /** As stored and shown: {@code building}, {@code ready}, {@code failed}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static VersionState of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}

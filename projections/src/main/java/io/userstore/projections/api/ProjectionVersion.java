package io.userstore.projections.api;

/**
 * One version of a projection as {@code list}, {@code show} and {@code status} report it.
 *
 * @param rows   the rows it holds (a ready version changes with every append)
 * @param behind events appended that it has not taken in yet
 */
public record ProjectionVersion(String name, int version, VersionState state, long rows, long events, long behind,
                                String startedAt, String finishedAt, Double seconds, String error) {

    public boolean ready() {
        return state == VersionState.READY;
    }

    /** Events per second of its build, when it took measurable time. */
    public Long eventsPerSecond() {
        return seconds == null || seconds == 0 ? null : Math.round(events / seconds);
    }
}

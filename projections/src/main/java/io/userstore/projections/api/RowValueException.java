package io.userstore.projections.api;

/**
 * A user's value that a column cannot hold. The message names the user, the column and the
 * value, for the person who runs the command now; {@link #problem()} says the same without the
 * personal data (no username, no value), which is all that may be stored, so that forgetting the
 * user reaches every copy.
 */
public final class RowValueException extends ProjectionBuildException {

    private final long userId;
    private final String column;
    private final String problem;

    public RowValueException(long userId, String column, String problem, String message) {
        super(message);
        this.userId = userId;
        this.column = column;
        this.problem = problem;
    }

    public long userId() {
        return userId;
    }

    public String column() {
        return column;
    }

    /** What is wrong, without the user's name or value: {@code column birthday (date) cannot hold ... attr.birthday ...}. */
    public String problem() {
        return problem;
    }
}

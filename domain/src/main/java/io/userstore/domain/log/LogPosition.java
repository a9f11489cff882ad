package io.userstore.domain.log;

/**
 * How far a reader following the log has got: every event up to {@code position} except the
 * {@code gaps}, global indexes an append had taken but not committed yet (which may commit
 * after higher ones, so they are waited for and never skipped).
 */
public record LogPosition(long position, Long[] gaps) {
}

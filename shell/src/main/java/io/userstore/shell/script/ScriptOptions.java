package io.userstore.shell.script;

/**
 * How a script runs.
 *
 * @param stopOnError       stop at the first failing command ({@code --on-error stop})
 * @param singleTransaction all or nothing ({@code -1})
 * @param showWhere         prefix errors with {@code FILE:LINE} (scripts) rather than nothing ({@code -c})
 * @param summary           print the closing summary line
 */
public record ScriptOptions(boolean stopOnError, boolean singleTransaction, boolean showWhere, boolean summary) {
}

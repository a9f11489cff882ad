package io.userstore.shell.command;

/**
 * A command whose whole effect is in the store's transaction, so a script may run many of them
 * in one transaction (and run them again one by one if any fails). Commands that prompt, print
 * progress or run for long are not.
 */
public interface Batchable {
}

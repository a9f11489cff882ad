package io.userstore.shell.command;

/**
 * A command whose whole effect is in the store's transaction, so a script may run many of them
 * in one transaction (and run them again one by one if any fails). Commands that prompt, print
 * progress or run for long are not, nor those that read the whole store (a list, a count): they
 * see what the lines before them wrote only once it is written, so a script writes it first.
 */
public interface Batchable {
}

package io.userstore.shell;

import io.userstore.domain.UserStore;
import io.userstore.domain.store.StoreSettings;
import io.userstore.shell.output.Output;

import java.util.Optional;

/**
 * What every command may use: the store (opened on first use, so {@code help} needs none), the
 * output, and, at a terminal, a masked password prompt.
 */
public final class ShellContext implements AutoCloseable {

    /** Reads a secret without echoing it. */
    @FunctionalInterface
    public interface SecretPrompt {
        String read(String prompt);
    }

    private final StoreSettings settings;
    private final Output output;
    private SecretPrompt secretPrompt;
    private UserStore store;

    public ShellContext(StoreSettings settings, Output output) {
        this.settings = settings;
        this.output = output;
    }

    public synchronized UserStore store() {
        if (store == null) {
            store = UserStore.open(settings);
        }
        return store;
    }

    /** The store if it is open already (completion must not open one). */
    public synchronized Optional<UserStore> openStore() {
        return Optional.ofNullable(store);
    }

    public Output output() {
        return output;
    }

    public StoreSettings settings() {
        return settings;
    }

    public Optional<SecretPrompt> secretPrompt() {
        return Optional.ofNullable(secretPrompt);
    }

    public void secretPrompt(SecretPrompt prompt) {
        this.secretPrompt = prompt;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}

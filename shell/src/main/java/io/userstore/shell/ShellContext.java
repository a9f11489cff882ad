package io.userstore.shell;

import io.userstore.domain.UserStore;
import io.userstore.domain.StoreSettings;
import io.userstore.projections.Projections;
import io.userstore.domain.Progress;
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
    private Projections projections;
    private boolean progressBars;
    /** Why opening the store in the background failed, for the first {@link #store()} to report. */
    private RuntimeException openFailure;
    private boolean closed;

    public ShellContext(StoreSettings settings, Output output) {
        this.settings = settings;
        this.output = output;
    }

    /**
     * The store, opened on first use together with its projections (so every write keeps the
     * projections in service current, whatever command this process runs). A build a crash or
     * Ctrl-C interrupted waits for `projection rebuild`, which says it goes on with it.
     */
    public synchronized UserStore store() {
        if (openFailure != null) {
            RuntimeException failure = openFailure;
            openFailure = null;
            throw failure;
        }
        if (store == null) {
            UserStore opened = UserStore.open(settings);
            try {
                projections = new Projections(opened);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            store = opened;
        }
        return store;
    }

    /**
     * Starts opening the store on a thread of its own, for a command that will need it: joining
     * the server and opening the pool then overlap with reading the command. A failure is kept
     * for the first {@link #store()}; a store opened after {@link #close()} is not opened at all.
     */
    public void openInBackground() {
        Thread opener = new Thread(() -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    store();
                } catch (RuntimeException e) {
                    openFailure = e;
                }
            }
        }, "userstore-open");
        opener.setDaemon(true);
        opener.start();
    }

    public synchronized Projections projections() {
        store();
        return projections;
    }

    /** Progress for long work: a bar on a terminal, nothing otherwise (the command prints a summary). */
    public Progress progress() {
        return progressBars ? new ProgressBars(output.err()) : Progress.NONE;
    }

    public void progressBars(boolean enabled) {
        this.progressBars = enabled;
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
        closed = true;
        if (store != null) {
            store.close();
            store = null;
        }
    }
}

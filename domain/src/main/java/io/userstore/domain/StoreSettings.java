package io.userstore.domain;

import io.userstore.domain.server.DatabaseUrl;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the store lives and how it hashes passwords; fixed for the life of a process.
 *
 * @param databaseUrl        an external server ({@code jdbc:postgresql://...} or
 *                           {@code postgresql://user:pass@host:port/db}), or null for the
 *                           embedded server under {@code home}
 * @param home               the home directory: embedded data, log file, shell history
 * @param passwordIterations PBKDF2 iterations for new password hashes
 * @param linger             how long the embedded server keeps running after the last process
 *                           left it, so the next command need not start it (zero: it stops then)
 */
public record StoreSettings(String databaseUrl, Path home, int passwordIterations, Duration linger) {

    /** Settings whose embedded server stops as soon as the last process leaves it. */
    public StoreSettings(String databaseUrl, Path home, int passwordIterations) {
        this(databaseUrl, home, passwordIterations, Duration.ZERO);
    }

    /** Refuses a URL that is not one of the two forms, saying what is wrong with it (the password masked). */
    public static void checkDatabaseUrl(String url) {
        DatabaseUrl.parse(url);
    }

    public boolean embedded() {
        return databaseUrl == null || databaseUrl.isBlank();
    }
}

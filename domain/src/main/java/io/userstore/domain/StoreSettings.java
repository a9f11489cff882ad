package io.userstore.domain;

import io.userstore.domain.server.DatabaseUrl;

import java.nio.file.Path;

/**
 * Where the store lives and how it hashes passwords; fixed for the life of a process.
 *
 * @param databaseUrl        an external server ({@code jdbc:postgresql://...} or
 *                           {@code postgresql://user:pass@host:port/db}), or null for the
 *                           embedded server under {@code home}
 * @param home               the home directory: embedded data, log file, shell history
 * @param passwordIterations PBKDF2 iterations for new password hashes
 */
public record StoreSettings(String databaseUrl, Path home, int passwordIterations) {

    /** Refuses a URL that is not one of the two forms, saying what is wrong with it (the password masked). */
    public static void checkDatabaseUrl(String url) {
        DatabaseUrl.parse(url);
    }

    public boolean embedded() {
        return databaseUrl == null || databaseUrl.isBlank();
    }
}

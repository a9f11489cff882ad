package io.userstore.testing;

import io.userstore.domain.UserStore;
import io.userstore.domain.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * Fresh, uniquely named databases for tests: on one embedded PostgreSQL shared by the test JVM,
 * or on the external server named by {@code -Duserstore.test.external=jdbc:postgresql://...}.
 * Nothing depends on what an earlier run left behind.
 */
public final class TestDatabases {

    /** Fast hashing for tests; the production default is Django's 1,000,000. */
    public static final int TEST_ITERATIONS = 1000;
    private static EmbeddedPostgres shared;
    private static final java.util.Map<String, String> created = new java.util.LinkedHashMap<>();

    private TestDatabases() {
    }

    public static synchronized String freshEmbedded() {
        if (shared == null) {
            try {
                shared = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shared.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return create("jdbc:postgresql://localhost:" + shared.getPort() + "/postgres?user=postgres");
    }

    public static Optional<String> external() {
        String url = System.getProperty("userstore.test.external", "");
        return url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    public static String freshExternal() {
        return fresh(external().orElseThrow(() -> new IllegalStateException("no external server configured")));
    }

    /**
     * Creates an empty database beside the one {@code serverUrl} names and returns its URL. It is
     * dropped when the test JVM ends, whether the tests passed or not.
     */
    public static String fresh(String serverUrl) {
        String url = create(serverUrl);
        dropAtExit(serverUrl, url.replaceFirst(".*/([^/?]*)(\\?.*)?$", "$1"));
        return url;
    }

    /** Creates an empty database beside the one {@code serverUrl} names and returns its URL. */
    private static String create(String serverUrl) {
        String name = "us_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(serverUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database: " + e.getMessage(), e);
        }
        return serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static synchronized void dropAtExit(String serverUrl, String name) {
        if (created.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated, "drop-test-databases"));
        }
        created.put(name, serverUrl);
    }

    private static synchronized void dropCreated() {
        created.forEach((name, serverUrl) -> {
            try (Connection connection = DriverManager.getConnection(serverUrl);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // the embedded server may be gone already, taking the database with it
            }
        });
        created.clear();
    }

    public static UserStore open(String url) {
        return UserStore.open(new StoreSettings(url, tempHome(), TEST_ITERATIONS));
    }

    /** A home of its own for a test store (it holds the store's log); gone when the tests end. */
    public static Path tempHome() {
        try {
            Path home = Files.createTempDirectory("userstore-test-home");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(home)));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}

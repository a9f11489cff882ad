package io.userstore.domain.server;

import io.userstore.domain.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded PostgreSQL server keeping the store under the home directory. Several processes
 * on one home share one server: the first starts it, the others join it, and whichever leaves
 * last stops it, or leaves it to {@link IdleStop} to stop once it has been idle for the linger
 * time. Starting and stopping happen under a file lock, so two processes never run initdb or
 * start a server on the same data directory at once.
 */
public final class EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final Path home;
    private final EmbeddedPostgres startedHere;
    private final int port;
    private final Duration linger;

    private EmbeddedServer(Path home, EmbeddedPostgres startedHere, int port, Duration linger) {
        this.home = home;
        this.startedHere = startedHere;
        this.port = port;
        this.linger = linger;
    }

    /** @param linger how long the server keeps running after the last process left it (zero: it stops then) */
    public static EmbeddedServer startOrJoin(Path home, Duration linger) {
        try {
            Files.createDirectories(home);
            try (StartLock ignored = StartLock.acquire(home)) {
                Optional<Integer> running = runningPort(dataDirectory(home));
                if (running.isPresent()) {
                    LOG.info("joining the embedded server already running on port {}", running.get());
                    return new EmbeddedServer(home, null, running.get(), linger);
                }
                StalePostmaster.clear(dataDirectory(home));
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory(home))
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("listen_addresses", "localhost")
                        .setServerConfig("max_connections", "200")
                        // statements and error messages may carry personal data; the log keeps neither
                        .setServerConfig("log_min_error_statement", "panic")
                        .setServerConfig("log_min_messages", "fatal")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                        .start();
                LOG.info("started the embedded server on port {}", postgres.getPort());
                return new EmbeddedServer(home, postgres, postgres.getPort(), linger);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the embedded server under {} did not start", home, e);
            if (e instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            if (rootMessage(e).contains("epg-lock")) {
                throw new StoreUnavailableException("the embedded server under " + home + " stopped, and the"
                        + " userstore that started it still runs (it holds " + dataDirectory(home).resolve("epg-lock")
                        + "); end that process, and the next start brings the server back", e);
            }
            throw new StoreUnavailableException("the embedded store under " + home + " did not start ("
                    + rootMessage(e) + "); see " + home.resolve("postgres.log")
                    + ", or use --db to work on another server", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    /**
     * Closes this process's connections, then, with a linger time, leaves stopping the server to
     * {@link IdleStop}; without one, stops it when no other process is connected to it (the count
     * goes over a connection of its own, so a server that is gone is noticed at once).
     *
     * @param applicationName this process's connections, which do not count
     * @param closeConnections closes this process's pool; runs before the server stops, which
     *                         would otherwise wait for those connections
     */
    public void leave(String applicationName, Runnable closeConnections) {
        try (StartLock ignored = StartLock.acquire(home)) {
            closeConnections.run();
            if (!linger.isZero() && IdleStop.watch(home, linger)) {
                return;
            }
            Optional<Postmaster> running = Postmaster.of(dataDirectory(home));
            long others = running.map(server -> server.clients(applicationName)).orElse(0L);
            if (others > 0) {
                LOG.info("leaving the embedded server running for {} other connection(s)", others);
                return;
            }
            if (startedHere != null && running.isPresent()) {
                startedHere.close();
            } else {
                running.ifPresent(Postmaster::stop);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the embedded server under {} was not stopped cleanly", home, e);
        }
    }

    private static Path dataDirectory(Path home) {
        return home.resolve("pgdata");
    }

    /** The port of a live server in the data directory, from its postmaster.pid. */
    private static Optional<Integer> runningPort(Path dataDirectory) throws IOException {
        return Postmaster.of(dataDirectory).filter(server -> accepts(server.port()) && serves(server, dataDirectory))
                .map(Postmaster::port);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Guards against a stale postmaster.pid whose pid another process, and whose port another
     * server, now has: the process works in the data directory (as /proc tells, without a
     * connection), or else the server on the port says it serves it.
     */
    private static boolean serves(Postmaster server, Path dataDirectory) {
        try {
            Path directory = dataDirectory.toRealPath();
            return StalePostmaster.workingDirectory(server.process()).map(directory::equals)
                    .orElseGet(() -> servesDirectory(server.port(), directory));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean servesDirectory(int port, Path dataDirectory) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&connectTimeout=5");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW data_directory")) {
            rs.next();
            return Path.of(rs.getString(1)).toRealPath().equals(dataDirectory);
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package io.userstore.domain.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The server running in a data directory, as its {@code postmaster.pid} names it. */
record Postmaster(ProcessHandle process, int port) {

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);

    /** The live server of the data directory (not a dead or zombie one), if there is one. */
    static Optional<Postmaster> of(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4 || !lines.get(0).trim().matches("\\d+") || !lines.get(3).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(StalePostmaster::running)
                .map(process -> new Postmaster(process, Integer.parseInt(lines.get(3).trim())));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&connectTimeout=2";
    }

    /**
     * Client connections other than the asking one; 0 when the server does not answer.
     *
     * @param ignoredApplication connections of this application name do not count (null: all count)
     */
    long clients(String ignoredApplication) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                     + " AND application_name IS DISTINCT FROM ?")) {
            statement.setString(1, ignoredApplication);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    /**
     * Stops the server with PostgreSQL's "fast" shutdown (SIGINT) and waits for it to end: no
     * client is left to wait for, and "smart" would wait for connections being closed.
     */
    void stop() {
        LOG.info("stopping the embedded server (pid {})", process.pid());
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // not always our child: its end is seen by polling, and where nothing reaps it, it stays a zombie
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (StalePostmaster.running(process)) {
            if (System.nanoTime() > deadline) {
                LOG.warn("the embedded server (pid {}) did not stop within 30 s", process.pid());
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

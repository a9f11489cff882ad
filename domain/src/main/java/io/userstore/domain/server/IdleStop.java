package io.userstore.domain.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps an embedded server running for a while after the last userstore process left it, so
 * one-shot commands in a loop do not each start and stop it, and stops it once it has had no
 * client for that long. It is a small process of its own, one per home (a file lock says whether
 * one runs), in a session of its own: it outlives the process that left, and a Ctrl-C at the
 * terminal does not reach it.
 */
public final class IdleStop {

    private static final Logger LOG = LoggerFactory.getLogger(IdleStop.class);
    private static final long POLL_MILLIS = 500;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private IdleStop() {
    }

    /** Makes sure a watcher runs for the home; false if none could be started (then stop the server now). */
    static boolean watch(Path home, Duration linger) {
        if (watcherRuns(home)) {
            return true;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                IdleStop.class.getName(), home.toString(), String.valueOf(linger.toMillis())));
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start().getOutputStream().close();
            LOG.info("the embedded server keeps running for {} s without clients", linger.toSeconds());
            return true;
        } catch (IOException e) {
            LOG.warn("could not start the watcher that stops the idle embedded server: {}", e.getMessage());
            return false;
        }
    }

    private static boolean watcherRuns(Path home) {
        try (FileChannel channel = lockFile(home)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileChannel lockFile(Path home) throws IOException {
        return FileChannel.open(home.resolve("idle-stop.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** The watcher: {@code IdleStop HOME LINGER_MILLIS}. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long lingerNanos = Duration.ofMillis(Long.parseLong(args[1])).toNanos();
        Path dataDirectory = home.resolve("pgdata");
        try (FileChannel channel = lockFile(home); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return;
            }
            long idleSince = System.nanoTime();
            while (true) {
                Thread.sleep(POLL_MILLIS);
                Optional<Postmaster> server = Postmaster.of(dataDirectory);
                if (server.isEmpty()) {
                    return;
                }
                if (server.get().clients(null) > 0) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince >= lingerNanos) {
                    try (StartLock ignored = StartLock.acquire(home)) {
                        if (server.get().clients(null) == 0) {
                            server.get().stop();
                            return;
                        }
                    }
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}

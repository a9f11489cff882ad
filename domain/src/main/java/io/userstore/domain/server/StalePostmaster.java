package io.userstore.domain.server;

import io.userstore.domain.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@code postmaster.pid} left by a server killed with {@code kill -9}. Where nothing reaps
 * orphans (a container whose init does not), the dead postmaster stays a zombie under its pid,
 * and PostgreSQL refuses to start ("lock file postmaster.pid already exists") until the zombie is
 * gone. The file is removed when its process is gone or a zombie and no live process works in
 * the data directory any more (a backend outliving its postmaster would be one).
 */
final class StalePostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Path PROC = Path.of("/proc");

    private StalePostmaster() {
    }

    static void clear(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || !Files.isDirectory(PROC.resolve("self"))) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        if (ProcessHandle.of(pid).filter(StalePostmaster::running).isPresent()) {
            return;
        }
        Path directory = dataDirectory.toRealPath();
        List<Long> stillWorking = ProcessHandle.allProcesses().filter(StalePostmaster::running)
                .filter(process -> workingDirectory(process).filter(directory::equals).isPresent())
                .map(ProcessHandle::pid).toList();
        if (!stillWorking.isEmpty()) {
            throw new StoreUnavailableException("the embedded server under " + dataDirectory.getParent() + " was killed"
                    + " and processes of it still run (pid " + stillWorking.get(0) + (stillWorking.size() > 1 ? " and "
                    + (stillWorking.size() - 1) + " more" : "") + "); wait for them to exit, or end them", null);
        }
        LOG.warn("removing the stale postmaster.pid of a server that was killed (pid {})", pid);
        Files.deleteIfExists(pidFile);
    }

    /** Alive and not a zombie waiting to be reaped. */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(process.pid())).resolve("stat"));
            // the state follows the command name, which is in parentheses and may hold spaces
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            // gone since isAlive(), or no /proc to tell a zombie by (then alive is all there is)
            return !Files.isDirectory(PROC.resolve("self"));
        }
    }

    /** Where the process works, as /proc tells; empty where it does not (no /proc, not ours to read, gone). */
    static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(PROC.resolve(String.valueOf(process.pid())).resolve("cwd").toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

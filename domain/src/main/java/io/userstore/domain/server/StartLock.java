package io.userstore.domain.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;

/** Serializes starting, joining and stopping between the processes sharing a home. */
final class StartLock implements AutoCloseable {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private final RandomAccessFile file;
    private final FileLock lock;

    private StartLock(RandomAccessFile file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    static StartLock acquire(Path home) throws IOException {
        RandomAccessFile file = new RandomAccessFile(home.resolve("server.lock").toFile(), "rw");
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock = file.getChannel().tryLock();
            if (lock != null) {
                return new StartLock(file, lock);
            }
            if (System.nanoTime() > deadline) {
                file.close();
                throw new IOException("the store under " + home + " is in use: another userstore process"
                        + " has been starting or stopping its server for " + LOCK_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                file.close();
                throw new IOException("interrupted while waiting for the store lock", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        file.close();
    }
}

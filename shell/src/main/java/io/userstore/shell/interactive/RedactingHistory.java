package io.userstore.shell.interactive;

import io.userstore.shell.script.Secrets;
import org.jline.reader.impl.history.DefaultHistory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * The shell's history with every password and hash masked before it is kept, saved in a file
 * only its owner can read (0600).
 */
final class RedactingHistory extends DefaultHistory {

    private final Path file;

    RedactingHistory(Path file) {
        this.file = file;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, Secrets.maskLine(line));
    }

    @Override
    public void save() throws IOException {
        ownerOnly();
        super.save();
        ownerOnly();
    }

    void ownerOnly() throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}

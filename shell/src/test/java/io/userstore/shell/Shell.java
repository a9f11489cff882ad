package io.userstore.shell;

import io.userstore.testing.TestDatabases;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code userstore} in this JVM as a user would from a shell: arguments, stdin, stdout,
 * stderr and exit status, on a fresh database and home directory of its own.
 */
public final class Shell {

    /** What one invocation printed and returned. */
    public record Run(int status, String out, String err) {
    }

    public final String url;
    public final Path home;

    private Shell(String url, Path home) {
        this.url = url;
        this.home = home;
    }

    public static Shell onFreshDatabase() {
        return new Shell(TestDatabases.freshEmbedded(), TestDatabases.tempHome());
    }

    public static Shell on(String url) {
        return new Shell(url, TestDatabases.tempHome());
    }

    public Run run(String... args) {
        return runWithInput("", args);
    }

    public Run runWithInput(String stdin, String... args) {
        return runWithBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    public Run runWithBytes(byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", url, "--home", home.toString()));
        all.addAll(Arrays.asList(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(Map.of("USERSTORE_PASSWORD_ITERATIONS", "1000")).run(all.toArray(String[]::new),
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public Path script(String name, String text) {
        return script(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Path script(String name, byte[] bytes) {
        try {
            Path file = home.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

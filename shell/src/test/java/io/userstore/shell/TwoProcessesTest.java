package io.userstore.shell;

import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Separate userstore processes on one store: they share the embedded server of one home (the
 * last one out stops it), and racing for one username has exactly one winner.
 */
class TwoProcessesTest {

    private static Process userstore(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("USERSTORE_PASSWORD_ITERATIONS", "1000");
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "process ended");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void processes_on_one_home_share_its_server_and_the_last_one_stops_it() throws Exception {
        Path home = TestDatabases.tempHome();
        Process first = userstore("--home", home.toString());
        Writer firstInput = new OutputStreamWriter(first.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader firstOutput = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        firstInput.write("user add from-first\n");
        firstInput.flush();
        assertEquals("added from-first (id 1)", firstOutput.readLine());

        Process second = userstore("--home", home.toString(), "-c", "user add from-second");
        String secondSaid = finish(second);
        assertEquals(0, second.exitValue(), secondSaid);
        assertTrue(Files.exists(home.resolve("pgdata/postmaster.pid")), "the server stays up for the first process");

        firstInput.write("user add after-second\nuser list\n");
        firstInput.close();
        String firstSaid = firstOutput.readLine() + "\n" + finish(first);
        assertEquals(0, first.exitValue(), firstSaid);
        assertTrue(firstSaid.contains("added after-second (id 3)"), firstSaid);
        assertTrue(firstSaid.contains("from-second"), firstSaid);
        assertFalse(Files.exists(home.resolve("pgdata/postmaster.pid")), "the last one out stopped the server");

        Process third = userstore("--home", home.toString(), "--format", "csv", "-c", "user list");
        String thirdSaid = finish(third);
        assertEquals(3, thirdSaid.lines().filter(line -> line.matches("\\d+,.*")).count(), thirdSaid);
    }

    @Test
    void racing_processes_register_a_username_once() throws Exception {
        String url = TestDatabases.freshEmbedded();
        for (int round = 0; round < 3; round++) {
            Process a = userstore("--db", url, "-c", "user add raced" + round);
            Process b = userstore("--db", url, "-c", "user add raced" + round);
            String said = finish(a) + finish(b);
            assertEquals(1, (a.exitValue() == 0 ? 1 : 0) + (b.exitValue() == 0 ? 1 : 0), said);
            assertTrue(said.contains("error: username raced" + round + " is already taken"), said);
        }
    }
}

package io.userstore.shell;

import io.userstore.testing.Sql;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Separate userstore processes on one store: they share the embedded server of one home (the
 * last one out stops it, whichever started it), racing for one username has exactly one winner,
 * -1 scripts racing on the same users all land, and a script whose server is killed under it
 * stops with one line while the next start recovers.
 */
class TwoProcessesTest {

    private static Process userstore(String... args) throws IOException {
        return userstore(ProcessBuilder.Redirect.PIPE, args);
    }

    private static Process userstore(ProcessBuilder.Redirect output, String... args) throws IOException {
        return lingering("0", output, args);
    }

    /** @param linger USERSTORE_LINGER: 0 stops the server as the last process leaves */
    private static Process lingering(String linger, ProcessBuilder.Redirect output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output);
        builder.environment().put("USERSTORE_PASSWORD_ITERATIONS", "1000");
        builder.environment().put("USERSTORE_LINGER", linger);
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "process ended");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A userstore reading commands from stdin, as a program that feeds it one at a time. */
    private record Session(Process process, Writer input, BufferedReader output) {

        static Session on(Path home) throws IOException {
            Process process = userstore("--home", home.toString());
            return new Session(process, new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }

        /** Runs the command and returns the first line it printed. */
        String run(String command) throws IOException {
            input.write(command + "\n");
            input.flush();
            return output.readLine();
        }
    }

    @Test
    void processes_on_one_home_share_its_server_and_the_last_one_stops_it() throws Exception {
        Path home = TestDatabases.tempHome();
        Session first = Session.on(home);
        assertEquals("added from-first (id 1)", first.run("user add from-first"));

        Process second = userstore("--home", home.toString(), "-c", "user add from-second");
        String secondSaid = finish(second);
        assertEquals(0, second.exitValue(), secondSaid);
        assertTrue(Files.exists(home.resolve("pgdata/postmaster.pid")), "the server stays up for the first process");

        String firstSaid = first.run("user add after-second\nuser list");
        first.input().close();
        firstSaid += "\n" + finish(first.process());
        assertEquals(0, first.process().exitValue(), firstSaid);
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

    @Test
    void the_last_one_out_stops_the_server_when_the_one_that_started_it_left_first() throws Exception {
        Path home = TestDatabases.tempHome();
        Session starter = Session.on(home);
        assertEquals("added a (id 1)", starter.run("user add a"));
        Session joiner = Session.on(home);
        assertEquals("added b (id 2)", joiner.run("user add b"));

        starter.input().close();
        assertEquals(0, starter.process().waitFor(), finish(starter.process()));
        assertTrue(Files.exists(home.resolve("pgdata/postmaster.pid")), "the server stays up for the one that joined");
        joiner.input().close();
        assertEquals(0, joiner.process().waitFor(), finish(joiner.process()));
        assertFalse(Files.exists(home.resolve("pgdata/postmaster.pid")), "the last one out stopped the server");
        assertFalse(Files.readString(home.resolve("userstore.log")).contains("did not stop"),
                "without waiting for connections of its own");
    }

    @Test
    void a_script_that_loses_its_server_stops_says_what_was_stored_and_the_next_start_recovers() throws Exception {
        Path home = TestDatabases.tempHome();
        Path script = home.resolve("many.us");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            lines.append("user add u").append(i).append('\n');
        }
        Files.writeString(script, lines);
        Process running = userstore(ProcessBuilder.Redirect.DISCARD, "--home", home.toString(), "-f", script.toString());
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (storedUsers(pidFile) < 2000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).orElseThrow().destroyForcibly();

        String said = finish(running);
        assertEquals(2, running.exitValue(), said);
        Matcher summary = Pattern.compile("(\\d+) commands were done and stored, through "
                + Pattern.quote(script.toString()) + ":(\\d+); the rest were not").matcher(said);
        assertTrue(summary.find(), said);
        assertTrue(said.contains(": error: lost the connection to the embedded store under " + home
                + "; check that the server runs, then go on from " + script + ":" + (Integer.parseInt(summary.group(2)) + 1)), said);
        assertEquals(1, said.lines().filter(line -> line.contains("error:")).count(), "one line, no stack trace: " + said);

        Process next = userstore("--home", home.toString(), "--format", "csv", "-c", "store info");
        String info = finish(next);
        assertEquals(0, next.exitValue(), "the first start after the kill works: " + info);
        assertTrue(info.contains("," + summary.group(1) + ","), "every user it said it stored, no more: " + info);
    }

    /** Users committed so far on the embedded server whose postmaster.pid this is; 0 before there is any. */
    private static long storedUsers(Path pidFile) {
        try {
            List<String> pid = Files.readAllLines(pidFile);
            return Sql.count("jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres?user=postgres",
                    "SELECT count(*) FROM userstore.user_registry");
        } catch (IOException | RuntimeException notYet) {
            return 0;
        }
    }

    @Test
    void single_transaction_scripts_on_the_same_users_all_land() throws Exception {
        String url = TestDatabases.freshEmbedded();
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            users.append("user add c").append(i).append('\n');
        }
        Process setup = userstore("--db", url, "-f", Files.writeString(TestDatabases.tempHome().resolve("users.us"),
                users).toString());
        assertEquals(0, setup.waitFor(), finish(setup));
        List<Process> writers = new ArrayList<>();
        for (int writer = 0; writer < 3; writer++) {
            StringBuilder sets = new StringBuilder();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 50; i++) {
                    sets.append("user set c").append(i).append(" w").append(writer).append("=r").append(round).append('\n');
                }
            }
            Path script = Files.writeString(TestDatabases.tempHome().resolve("w.us"), sets);
            writers.add(userstore("--db", url, "-1", "-f", script.toString()));
        }
        for (Process writer : writers) {
            String said = finish(writer);
            assertEquals(0, writer.exitValue(), said);
            assertEquals(150, said.lines().filter(line -> line.startsWith("updated c")).count(), "each line said once: " + said);
        }
        assertEquals(50 + 3 * 3 * 50, Sql.count(url, "SELECT count(*) FROM userstore.domain_event_entry"));
    }

    @Test
    void the_server_lingers_for_the_next_command_and_stops_once_idle_that_long() throws Exception {
        Path home = TestDatabases.tempHome();
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        Process first = lingering("2", ProcessBuilder.Redirect.PIPE, "--home", home.toString(), "-c", "user add a");
        assertEquals(0, first.waitFor(), finish(first));
        assertTrue(Files.exists(pidFile), "the server keeps running after the last process left");
        String server = Files.readAllLines(pidFile).get(0);

        Process next = lingering("2", ProcessBuilder.Redirect.PIPE, "--home", home.toString(), "-c", "user show a");
        String said = finish(next);
        assertEquals(0, next.exitValue(), said);
        assertTrue(said.contains("username            a"), said);
        assertEquals(server, Files.readAllLines(pidFile).get(0), "the next command joined it rather than start one");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(pidFile), "stopped once it had no client for the linger time");
    }

    @Test
    void a_one_shot_command_opens_its_store_while_it_is_read_and_a_line_that_fails_leaves_nothing_running()
            throws Exception {
        Path home = TestDatabases.tempHome();
        Process typo = userstore("--home", home.toString(), "-c", "usr show amy");
        String typoSaid = finish(typo);
        assertEquals(1, typo.exitValue(), typoSaid);
        assertTrue(typoSaid.contains("unknown command 'usr'"), typoSaid);
        assertFalse(Files.exists(home.resolve("pgdata")), "a line naming no store command starts no server");

        Process usage = userstore("--home", home.toString(), "-c", "user show");
        String usageSaid = finish(usage);
        assertEquals(1, usage.exitValue(), usageSaid);
        assertEquals("error: missing required parameter: 'USERNAME'; see `user show --help`", usageSaid.strip());
        assertFalse(Files.exists(home.resolve("pgdata/postmaster.pid")),
                "the store opened for the line was closed, and its server stopped, though the line failed");

        Process unreachable = userstore("--db", "postgresql://postgres@127.0.0.1:1/none", "--home", home.toString(),
                "-c", "user show amy", "-c", "user show bob");
        String unreachableSaid = finish(unreachable);
        assertEquals(2, unreachable.exitValue(), unreachableSaid);
        assertEquals(1, unreachableSaid.lines().filter(line -> line.contains("cannot reach")).count(), unreachableSaid);
    }
}

package io.userstore.shell;

import io.userstore.testing.Sql;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build killed with -9 at a random moment resumes from its last committed batch on the next
 * start, and ends with exactly the rows a clean build gives.
 */
class BuildCrashTest {

    @Test
    void a_build_killed_at_random_points_resumes_to_the_rows_of_a_clean_build() throws Exception {
        Random random = new Random(42);
        List<String> leftBehind = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Shell shell = storeWithUsers();
            Process build = userstore(ProcessBuilder.Redirect.DISCARD, "--db", shell.url, "-c",
                    "projection create custom_user --spec builtin:custom_user");
            long killAt = round == 0 ? 0 : 100L * (1 + random.nextInt(50)); // rows committed when killed
            leftBehind.add(killWhenReplayed(shell.url, build, killAt));
            boolean registered = shell.run("--format", "csv", "-c", "projection list").out().contains("custom_user");
            if (registered) {
                Shell.Run untouched = shell.run("--format", "csv", "-c", "store info", "-c", "projection status custom_user");
                assertTrue(untouched.out().contains("custom_user,1,building,"), "nothing resumes a build on its own: "
                        + untouched.out());
            }
            Shell.Run after = registered ? shell.run("-c", "projection rebuild custom_user")
                    : shell.run("-c", "projection create custom_user --spec builtin:custom_user");
            assertEquals(0, after.status(), after.err());
            if (registered) {
                assertTrue(after.out().startsWith("went on with the interrupted build and finished custom_user v1: "),
                        "a resumed build says so: " + after.out());
            }
            Shell.Run status = shell.run("--format", "csv", "-c", "projection status custom_user");
            assertTrue(status.out().contains("custom_user,1,ready,"), status.out());
            Shell.Run verify = shell.run("-c", "projection verify custom_user");
            assertEquals("ok\n", verify.out(), verify.err());
            assertEquals(0, verify.status());
        }
        assertTrue(leftBehind.stream().filter(state -> state.startsWith("building:") && !state.equals("building:0"))
                .count() >= 2, "kills landed mid-replay, after committed batches: " + leftBehind);
    }

    @Test
    void a_build_told_to_stop_keeps_its_committed_batches_and_says_how_to_go_on() throws Exception {
        Shell shell = storeWithUsers();
        Path output = shell.script("build.out", "");
        Process build = userstore(ProcessBuilder.Redirect.to(output.toFile()), "--db", shell.url, "-c",
                "projection create custom_user --spec builtin:custom_user");
        waitUntilReplayed(shell.url, build, 100);

        build.destroy(); // SIGTERM, handled as Ctrl-C's SIGINT is
        assertTrue(build.waitFor(30, TimeUnit.SECONDS), "the build stopped");
        String said = java.nio.file.Files.readString(output);
        assertEquals(128 + 15, build.exitValue(), said); // a process ended by a signal says which
        assertTrue(said.contains("error: the build of custom_user v1 was stopped; what it committed is kept"), said);
        assertTrue(state(shell.url).startsWith("building:"), state(shell.url));
    }

    private static Shell storeWithUsers() {
        Shell shell = Shell.onFreshDatabase();
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            script.append("user add u").append(i).append(" --set phone=").append(i).append(" --set birthday=19")
                    .append(10 + i % 80).append("-01-0").append(1 + i % 9).append('\n');
        }
        assertEquals(0, shell.run("--quiet", "-f", shell.script("users.us", script.toString()).toString()).status());
        return shell;
    }

    /** Kills the build (-9) once it has committed at least {@code rows} rows; says what it left behind. */
    private static String killWhenReplayed(String url, Process build, long rows) throws Exception {
        waitUntilReplayed(url, build, rows);
        build.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return state(url);
    }

    private static void waitUntilReplayed(String url, Process build, long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (build.isAlive() && System.nanoTime() < deadline) {
            String seen = state(url);
            if (seen.startsWith("building:") && Long.parseLong(seen.substring("building:".length())) >= rows) {
                return;
            }
            Thread.sleep(5);
        }
    }

    /** The build's state and rows committed, like {@code building:300}, or {@code none}. */
    private static String state(String url) {
        return Sql.rows(url, "SELECT CASE WHEN to_regclass('userstore.projection_version') IS NULL THEN 'none'"
                + " ELSE (SELECT coalesce(max(state || ':' || rows), 'none') FROM userstore.projection_version) END").get(0).get(0);
    }

    private static Process userstore(ProcessBuilder.Redirect output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duserstore.build.batch=100", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }

}

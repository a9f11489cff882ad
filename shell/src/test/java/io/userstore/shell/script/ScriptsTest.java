package io.userstore.shell.script;

import io.userstore.shell.Main;
import io.userstore.shell.Shell;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scripts, stdin and -c as COMMANDS.md "Invocation" describes them. */
class ScriptsTest {

    private final Shell shell = Shell.onFreshDatabase();

    private long events() {
        return Sql.count(shell.url, "SELECT count(*) FROM userstore.domain_event_entry");
    }

    @Test
    void comments_blank_lines_continuations_and_posix_quoting() {
        Path script = shell.script("users.us", """
                # people for the demo

                user add alice --email alice@example.com \\
                    --first-name 'Alice Mary' --set "note=it's \\"quoted\\""
                user add obrien --set motto=O\\'Brien\\'s\\ way --set 'path=a \\ b'   # trailing comment
                user set alice 'quote='"'"'single'"'"
                """);
        Shell.Run run = shell.run("-f", script.toString());
        assertEquals(0, run.status(), run.err());
        Shell.Run alice = shell.run("--format", "json", "-c", "user show alice");
        assertTrue(alice.out().contains("\"first_name\":\"Alice Mary\""), alice.out());
        assertTrue(alice.out().contains("\"note\":\"it's \\\"quoted\\\"\""), alice.out());
        assertTrue(alice.out().contains("\"quote\":\"'single'\""), alice.out());
        String obrien = shell.run("--format", "json", "-c", "user show obrien").out();
        assertTrue(obrien.contains("\"motto\":\"O'Brien's way\""), obrien);
        assertTrue(obrien.contains("\"path\":\"a \\\\ b\""), obrien);
        assertTrue(run.err().contains("3 commands run, 0 failed"), run.err());
    }

    @Test
    void stops_at_the_first_failure_with_file_and_line() {
        Path script = shell.script("s.us", "user add a\n\nuser add a\nuser add b\n");
        Shell.Run run = shell.run("-f", script.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(script + ":3: error: username a is already taken"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.contains("error:")).count());
        assertEquals("added a (id 1)\n", run.out());
        assertEquals(1, events(), "b was not run");
    }

    @Test
    void continue_runs_the_rest_and_counts_failures() {
        Path script = shell.script("s.us", "user add a\nuser add a\nuser bogus\nuser add b\n");
        Shell.Run run = shell.run("--on-error", "continue", "-f", script.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(script + ":2: error: username a is already taken"), run.err());
        assertTrue(run.err().contains(script + ":3: error: unknown command 'user bogus'"), run.err());
        assertTrue(run.err().contains("4 commands run, 2 failed"), run.err());
        assertEquals("added a (id 1)\nadded b (id 2)\n", run.out());
    }

    @Test
    void single_transaction_stores_nothing_when_any_command_fails() {
        Path script = shell.script("s.us", "user add a\nuser add b\nuser join a staff\nuser add a\n");
        Shell.Run run = shell.run("-1", "-f", script.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(script + ":4: error: username a is already taken"), run.err());
        assertTrue(run.err().contains("nothing was stored"), run.err());
        assertEquals(0, events());
        assertEquals(0, Sql.count(shell.url, "SELECT count(*) FROM userstore.user_registry"));
        assertEquals(0, shell.run("-1", "-f", shell.script("ok.us", "user add a\nuser add b\n").toString()).status());
        assertEquals(2, events());
        assertEquals("added c (id 3)\n", shell.run("-c", "user add c").out(), "ids given back on rollback");
    }

    @Test
    void reads_commands_from_stdin_with_dash_line_numbers() {
        Shell.Run run = shell.runWithInput("user add a\nuser add a\n");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("-:2: error: username a is already taken"), run.err());
    }

    @Test
    void repeated_dash_c_runs_in_order_and_errors_have_no_location() {
        Shell.Run run = shell.run("-c", "user add a", "-c", "user set a plan=pro", "-c", "user show nobody");
        assertEquals(1, run.status());
        assertEquals("error: no user named nobody; `user list` shows the users there are\n", run.err());
        assertTrue(shell.run("--format", "csv", "-c", "user list --where plan=pro").out().contains("\n1,a,"));
    }

    @Test
    void exit_statuses_follow_the_contract() {
        assertEquals(0, shell.run("-c", "user add a --password pw").status());
        assertEquals(0, shell.run("-c", "user check-password a --password pw").status());
        Shell.Run mismatch = shell.run("-c", "user check-password a --password nope");
        assertEquals(1, mismatch.status());
        assertEquals("mismatch\n", mismatch.out());
        assertEquals("", mismatch.err());
        assertEquals(2, shell.run("--format", "xml").status());
        assertEquals(2, shell.run("--on-error", "maybe", "-c", "help").status());
        assertEquals(2, shell.run("-f", "x", "-c", "help").status());
        Shell.Run unreachable = Shell.on("jdbc:postgresql://127.0.0.1:1/nowhere?user=x&connectTimeout=2")
                .run("-c", "store info");
        assertEquals(2, unreachable.status());
        assertTrue(unreachable.err().startsWith("error: cannot reach 127.0.0.1:1/nowhere"), unreachable.err());
        Shell.Run missing = shell.run("-f", "/no/such/script.us");
        assertEquals(1, missing.status());
        assertEquals("error: script /no/such/script.us does not exist\n", missing.err());
    }

    @Test
    void a_failed_line_in_a_batch_leaves_its_neighbours_committed_once() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            lines.append("user add u").append(i).append(" --set n=").append(i).append('\n');
            if (i == 350) {
                lines.append("user add u10\n");
            }
        }
        Shell.Run run = shell.run("--on-error", "continue", "--quiet", "-f", shell.script("big.us", lines.toString()).toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("big.us:352: error: username u10 is already taken"), run.err());
        assertEquals(1400, events());
        assertEquals(List.of(List.of("1", "700", "700")), Sql.rows(shell.url,
                "SELECT min(user_id)::text, max(user_id)::text, count(*)::text FROM userstore.user_registry"), "no id gaps");
    }

    @Test
    void a_script_ending_in_a_continuation_is_refused_at_its_line() {
        Path script = shell.script("cut.us", "user add a\nuser add b \\\n");
        Shell.Run run = shell.run("-f", script.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(script + ":2: error: the script ends in the middle of a command"), run.err());
        assertEquals(1, events(), "b was not added with half a command");
    }

    @Test
    void a_line_that_is_not_utf8_is_refused_with_its_number_from_a_file_and_from_stdin() {
        byte[] bytes = "user add a\n# comment\nuser add caf\u00ff\nuser add c\n".getBytes(StandardCharsets.ISO_8859_1);
        Path script = shell.script("latin1.us", bytes);
        Shell.Run fromFile = shell.run("--on-error", "continue", "-f", script.toString());
        assertEquals(1, fromFile.status());
        assertTrue(fromFile.err().startsWith(script + ":3: error: this line is not valid UTF-8"), fromFile.err());
        Shell.Run fromStdin = shell.runWithBytes(bytes, "--on-error", "continue");
        assertEquals(1, fromStdin.status());
        assertTrue(fromStdin.err().startsWith("-:3: error: this line is not valid UTF-8"), fromStdin.err());
        assertEquals(1, events(), "nothing after the unreadable line was run, and a was added once");
    }

    @Test
    void a_byte_order_mark_and_windows_line_ends_are_read_as_text() {
        byte[] bytes = "\ufeffuser add a\r\nuser add b\r\n".getBytes(StandardCharsets.UTF_8);
        Shell.Run run = shell.run("-f", shell.script("windows.us", bytes).toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("added a (id 1)\nadded b (id 2)\n", run.out());
    }

    @Test
    void single_transaction_prints_what_commands_did_only_once_it_committed() {
        Shell.Run failed = shell.run("-1", "-c", "user add a", "-c", "user add b", "-c", "user add a");
        assertEquals(1, failed.status());
        assertEquals("", failed.out(), "a and b were rolled back, so they were never added");
        Shell.Run stored = shell.run("-1", "-c", "user add a", "-c", "user add b");
        assertEquals(0, stored.status(), stored.err());
        assertEquals("added a (id 1)\nadded b (id 2)\n", stored.out());
    }

    @Test
    void a_list_or_a_count_sees_what_the_lines_before_it_wrote_batched_or_in_one_transaction() {
        for (String mode : List.of("batched", "-1")) {
            Shell fresh = Shell.onFreshDatabase();
            List<String> args = new ArrayList<>(mode.equals("-1") ? List.of("-1") : List.of());
            args.addAll(List.of("--format", "csv", "-f", fresh.script("s.us",
                    "user add a\nuser add b --set plan=pro\nuser list\nstore info\n").toString()));
            Shell.Run run = fresh.run(args.toArray(String[]::new));
            assertEquals(0, run.status(), run.err());
            assertEquals(2, run.out().lines().filter(line -> line.matches("\\d+,[ab],.*")).count(), mode + ": " + run.out());
            assertTrue(run.out().lines().anyMatch(line -> line.matches("[^,]*,[^,]*,3,2,0,0,.*")), mode + ": " + run.out());
        }
    }

    @Test
    void a_command_group_without_its_command_is_an_error() {
        Shell.Run run = shell.run("-c", "user");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("error: user needs a command: add, set,"), run.err());
    }

    @Test
    void an_empty_or_malformed_db_is_a_usage_error() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(Map.of()).run(new String[]{"--db", "", "--home", shell.home.toString(), "-c", "store info"},
                InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), false);
        assertEquals(2, status, "an unset $DB_URL never means the embedded store");
        assertTrue(err.toString().startsWith("error: --db is empty; give a PostgreSQL URL, or leave --db out"), err.toString());
        assertFalse(Files.exists(shell.home.resolve("pgdata")), "no embedded store was made");
        Shell.Run port = Shell.on("postgresql://u:secret@db.example.com:notaport/app").run("-c", "store info");
        assertEquals(2, port.status());
        assertEquals("error: database URL 'postgresql://u:***@db.example.com:notaport/app' cannot be read (its port"
                + " 'notaport' is not a number); use postgresql://USER:PASS@HOST:PORT/DB\n", port.err());
        Shell.Run nonsense = Shell.on("mysql://db").run("-c", "store info");
        assertEquals(2, nonsense.status());
        assertTrue(nonsense.err().startsWith("error: database URL 'mysql://db' is not a PostgreSQL URL"), nonsense.err());
    }
}

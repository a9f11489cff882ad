package io.userstore.shell.script;

import io.userstore.shell.Shell;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package io.userstore.shell;

import io.userstore.testing.Sql;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Plaintext passwords reach no event, no log line, no error message and no history file. */
class NoPlaintextPasswordTest {

    @Test
    void plaintext_passwords_are_nowhere_after_every_way_of_giving_them() throws IOException {
        Shell shell = Shell.onFreshDatabase();
        List<String> secrets = List.of("Pl4intext-one", "Pl4intext-two", "Pl4intext-three", "Pl4intext-four");
        shell.run("--debug", "-c", "user add alice --password " + secrets.get(0));
        shell.run("--debug", "-c", "user passwd alice --password=" + secrets.get(1));
        shell.runWithInput("user add bob --password '" + secrets.get(2) + "'\nuser check-password bob --password "
                + secrets.get(2) + "\n", "--debug");
        Shell.Run typo = shell.run("--debug", "-c", "user add carol --pasword " + secrets.get(3));
        Shell.Run wrongUser = shell.run("--debug", "-c", "user check-password nobody --password " + secrets.get(3));
        Shell.Run unquoted = shell.run("--debug", "-c", "user add dave --password Pl4intext Quintet9 Zebrafish7 --email d@x.org");
        assertEquals(1, typo.status());
        assertEquals(1, wrongUser.status());
        assertEquals("error: unmatched arguments from index 5: '***', '***'; a password with spaces goes in quotes;"
                + " see `user add --help`", unquoted.err().lines().findFirst().orElseThrow());

        String events = Sql.allEventPayloads(shell.url);
        String log = Files.readString(shell.home.resolve("userstore.log"));
        String printed = typo.out() + typo.err() + wrongUser.out() + wrongUser.err() + unquoted.out() + unquoted.err();
        for (String secret : List.of(secrets.get(0), secrets.get(1), secrets.get(2), secrets.get(3), "Quintet9", "Zebrafish7")) {
            assertFalse(events.contains(secret), "event table holds " + secret);
            assertFalse(log.contains(secret), "log holds " + secret);
            assertFalse(printed.contains(secret), "output holds " + secret);
        }
    }
}

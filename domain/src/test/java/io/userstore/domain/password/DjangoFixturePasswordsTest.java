package io.userstore.domain.password;

import io.userstore.domain.UserStore;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.testing.DjangoFixture;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every hash of the shared Django fixture (pbkdf2_sha256 at several iteration counts,
 * pbkdf2_sha1, scrypt, md5, sha1, unusable), stored with --password-hash, checks exactly as the
 * fixture's CSV says Django checks it.
 */
class DjangoFixturePasswordsTest {

    @Test
    void check_password_agrees_with_django_on_every_fixture_row() {
        String django = TestDatabases.freshEmbedded();
        DjangoFixture.load(django);
        Map<String, String> hashes = new HashMap<>();
        for (List<String> row : Sql.rows(django, "SELECT username, password FROM auth_user")) {
            hashes.put(row.get(0), row.get(1));
        }
        List<DjangoFixture.PasswordRow> rows = DjangoFixture.passwords();
        assertEquals(200, rows.size());
        try (UserStore store = TestDatabases.open(TestDatabases.freshEmbedded())) {
            Map<String, String> disagreements = new HashMap<>();
            for (DjangoFixture.PasswordRow row : rows) {
                store.users().add(new NewUser(row.username(), null, PasswordInput.hash(hashes.get(row.username())),
                        Map.of()));
                String actual = store.queries().checkPassword(row.username(), row.plaintext()).label();
                if (!actual.equals(row.expectedCheck())) {
                    disagreements.put(row.username(), row.algorithm() + ": expected " + row.expectedCheck()
                            + ", got " + actual);
                }
            }
            assertEquals(Map.of(), disagreements);
        }
    }
}

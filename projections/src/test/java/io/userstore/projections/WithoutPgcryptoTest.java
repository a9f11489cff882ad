package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the store's role may not create pgcrypto, everything but SQL writes works, and SQL writes
 * are refused saying why (personal data written through SQL could not be sealed).
 */
class WithoutPgcryptoTest {

    @Test
    void sql_writes_are_refused_with_a_message_when_pgcrypto_cannot_be_created() throws SQLException {
        String url = TestDatabases.freshEmbedded();
        String role = "limited_" + Long.toHexString(System.nanoTime());
        Sql.execute(url, "CREATE ROLE " + role + " LOGIN");
        Sql.execute(url, "CREATE SCHEMA userstore AUTHORIZATION " + role);
        Sql.execute(url, "GRANT CREATE ON SCHEMA public TO " + role);
        String limited = url.replace("user=postgres", "user=" + role);
        try (UserStore store = TestDatabases.open(limited)) {
            store.users().add(new NewUser("alice", null, PasswordInput.NONE, Map.of()));
            Projections projections = new Projections(store);
            projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
            projections.switchTo("django_auth_user");
            store.users().set("alice", Map.of("first_name", "Alice"));
            assertEquals("Alice", Sql.rows(url, "SELECT first_name FROM public.auth_user").get(0).get(0),
                    "the shell's writes and the table work");
            try (Connection app = DriverManager.getConnection(limited)) {
                SQLException refused = assertThrows(SQLException.class, () -> app.createStatement()
                        .executeUpdate("UPDATE public.auth_user SET first_name = 'Al' WHERE username = 'alice'"));
                assertEquals("0A000", refused.getSQLState());
                assertTrue(refused.getMessage().contains("SQL writes to userstore tables need the pgcrypto extension,"
                        + " which could not be created; ask the database owner to run CREATE EXTENSION pgcrypto"),
                        refused.getMessage());
            }
            assertEquals("Alice", store.queries().show("alice", null).firstName(), "the refused write changed nothing");
        }
    }
}

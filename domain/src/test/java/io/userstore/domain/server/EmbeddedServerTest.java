package io.userstore.domain.server;

import io.userstore.domain.UserStore;
import io.userstore.domain.StoreSettings;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded store: durable settings, data under the home directory, surviving restarts. */
class EmbeddedServerTest {

    @Test
    void keeps_its_data_under_the_home_across_restarts_with_durable_settings() throws Exception {
        Path home = TestDatabases.tempHome();
        try (UserStore store = UserStore.open(new StoreSettings(null, home, 1000))) {
            store.users().add(new NewUser("alice", null, PasswordInput.NONE, Map.of("email", "a@example.com")));
            assertEquals("on", setting(store, "fsync"));
            assertEquals("on", setting(store, "synchronous_commit"));
            assertTrue(store.location().startsWith("embedded " + home));
        }
        assertFalse(Files.exists(home.resolve("pgdata/postmaster.pid")), "the last process stops the server");
        try (UserStore store = UserStore.open(new StoreSettings(null, home, 1000))) {
            assertEquals("a@example.com", store.queries().show("alice", null).email());
        }
    }

    private static String setting(UserStore store, String name) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.domain.read.HistoryEntry;
import io.userstore.domain.user.UserView;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application lives on the projected table as on its own: it reads it, and every INSERT,
 * UPDATE and DELETE it sends becomes events in the same transaction, checked by the shell's
 * rules, sealed as the shell seals them, leaving the row a rebuild would give.
 */
class ApplicationWritesTest {

    private static final String HASH = "pbkdf2_sha256$1000000$salt$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final ProjectionFixture f = new ProjectionFixture();
    private Connection app;
    private Statement sql;

    @BeforeEach
    void serve() throws SQLException {
        f.add("alice", Map.of("email", "alice@example.com"));
        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        app = DriverManager.getConnection(f.url);
        sql = app.createStatement();
    }

    @AfterEach
    void close() throws SQLException {
        app.close();
        f.close();
    }

    @Test
    void the_stable_names_are_real_tables() {
        assertEquals(List.of(List.of("users_customuser", "r"), List.of("users_customuser_groups", "r"),
                        List.of("users_customuser_user_permissions", "r")),
                f.rows("SELECT relname, relkind::text FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                        + " AND relname LIKE 'users_customuser%' AND relkind IN ('r', 'v') AND relname NOT LIKE '%\\_\\_%'"
                        + " ORDER BY 1"));
    }

    @Test
    void an_insert_registers_a_user_and_the_row_is_what_a_rebuild_gives() throws SQLException {
        ResultSet inserted = sql.executeQuery("INSERT INTO users_customuser (password, last_login, is_superuser,"
                + " username, first_name, last_name, email, is_staff, is_active, date_joined, phone, birthday)"
                + " VALUES ('" + HASH + "', NULL, false, 'bob', 'Bob', 'Builder', 'bob@example.com', true, true,"
                + " '2025-01-02T03:04:05.123456Z', '+4930', '1990-05-01') RETURNING id");
        inserted.next();
        assertEquals(2, inserted.getLong(1), "INSERT ... RETURNING id gets the id drawn from the store's sequence");

        UserView bob = f.store.queries().show("bob", null);
        assertEquals(List.of("bob@example.com", "Bob", "Builder", true, Instant.parse("2025-01-02T03:04:05.123456Z")),
                List.of(bob.email(), bob.firstName(), bob.lastName(), bob.staff(), bob.dateJoined()));
        assertEquals(Map.of("phone", "+4930", "birthday", "1990-05-01"), bob.attributes());
        assertEquals(List.of("user registered", "attribute set", "attribute set"),
                f.store.queries().history("bob").stream().map(HistoryEntry::event).toList());
        assertTrue(new ProjectionChecks(f.projections).verify("custom_user", Progress.NONE).equal(),
                "the row the application reads back is the row a rebuild makes");

        sql.execute("INSERT INTO users_customuser (id, password, is_superuser, username, is_staff, is_active,"
                + " date_joined) VALUES (50, '" + HASH + "', false, 'carol', false, true, now())");
        assertEquals(51, f.add("dave", Map.of()), "an explicit id is kept and the sequence moves past it");
    }

    @Test
    void an_update_becomes_one_event_per_changed_source() throws SQLException {
        assertEquals(1, sql.executeUpdate("UPDATE users_customuser SET username = 'alice2', email = 'a2@example.com',"
                + " first_name = 'Alice', last_name = 'Liddell', password = '" + HASH + "', is_staff = true,"
                + " last_login = '2025-06-01T12:34:56.123456Z', phone = '+4930', birthday = '1990-05-01' WHERE id = 1"));
        assertEquals(List.of("user registered", "password changed", "user logged in", "username changed",
                        "email changed", "staff granted", "attribute set", "attribute set", "name changed"),
                f.store.queries().history("alice2").stream().map(HistoryEntry::event).toList());
        sql.executeUpdate("UPDATE users_customuser SET phone = NULL, is_active = false WHERE id = 1");
        UserView alice = f.store.queries().show("alice2", null);
        assertEquals(Map.of("birthday", "1990-05-01"), alice.attributes(), "NULL unsets an attribute");
        assertFalse(alice.active());
        assertEquals(List.of(List.of("alice2", "Alice", "false", "1990-05-01")),
                f.rows("SELECT username, first_name, is_active::text, birthday::text FROM users_customuser"));
        sql.executeUpdate("UPDATE users_customuser SET email = email, last_login = date_trunc('second', last_login),"
                + " date_joined = date_trunc('second', date_joined) WHERE id = 1");
        assertEquals(11, f.store.queries().history("alice2").size(), "an UPDATE that changes nothing records nothing,"
                + " and times written back to the second (as Django's admin shows them) are not a change");
        assertEquals(List.of(List.of("2025-06-01 12:34:56.123456+00")), f.rows("SELECT last_login::text FROM users_customuser"));
        assertTrue(new ProjectionChecks(f.projections).verify("custom_user", Progress.NONE).equal());
    }

    @Test
    void writes_are_checked_by_the_shells_rules_and_a_refused_one_changes_nothing() throws SQLException {
        f.add("bob", Map.of());
        long events = f.count("userstore.domain_event_entry");
        assertRefused("23505", "username bob is already taken", "UPDATE users_customuser SET username = 'bob' WHERE id = 1");
        assertRefused("23505", "username alice is already taken", "INSERT INTO users_customuser (password, is_superuser,"
                + " username, is_staff, is_active, date_joined) VALUES ('" + HASH + "', false, 'alice', false, true, now())");
        assertRefused("23514", "email 'not-an-address' is not a plausible e-mail address",
                "UPDATE users_customuser SET email = 'not-an-address' WHERE id = 1");
        assertRefused("23514", "has a character usernames cannot hold", "UPDATE users_customuser SET username = 'a b' WHERE id = 1");
        assertRefused("23514", "password expects a Django-encoded hash", "UPDATE users_customuser SET password = 'hunter2' WHERE id = 1");
        assertRefused("23514", "a user's id never changes", "UPDATE users_customuser SET id = 7 WHERE id = 1");
        assertRefused("23514", "date_joined is when the user was registered", "UPDATE users_customuser SET date_joined = '2020-01-01T00:00:00Z' WHERE id = 1");
        assertRefused("23502", "last_login cannot be cleared", "UPDATE users_customuser SET last_login = '2025-01-01T00:00:00Z' WHERE id = 1; "
                + "UPDATE users_customuser SET last_login = NULL WHERE id = 1");
        assertRefused("0A000", "TRUNCATE on users_customuser", "TRUNCATE users_customuser CASCADE");
        assertRefused("22008", "", "UPDATE users_customuser SET birthday = '31-02-1990' WHERE id = 1");
        assertEquals(events, f.count("userstore.domain_event_entry"), "nothing of the refused writes was recorded");
        assertEquals(List.of(List.of("alice", "alice@example.com")), f.rows("SELECT username, email FROM users_customuser WHERE id = 1"));
    }

    @Test
    void a_computed_column_maps_to_no_event_and_cannot_be_written() throws Exception {
        String spec = ProjectionFixture.specFile("""
                table: shouting
                columns:
                  - {name: id, from: id, type: integer, primary_key: true}
                  - {name: username, from: username, type: text}
                  - {name: loud, from: username, type: text, transform: upper}
                  - {name: active, from: is_active, type: text}
                """);
        f.projections.create("shouting", spec, Progress.NONE);
        f.projections.switchTo("shouting");
        assertRefused("23514", "column loud is computed from username (upper) and maps to no event",
                "UPDATE shouting SET loud = 'QUIET' WHERE id = 1");
        assertRefused("23514", "column active is computed from is_active", "UPDATE shouting SET active = 'no' WHERE id = 1");
        sql.executeUpdate("UPDATE shouting SET username = 'alicia' WHERE id = 1");
        assertEquals(List.of(List.of("alicia", "ALICIA", "true")), f.rows("SELECT username, loud, active FROM shouting"),
                "a computed column follows its source");
        sql.executeUpdate("INSERT INTO shouting (username) VALUES ('eve')");
        assertEquals(List.of(List.of("eve", "EVE", "true")), f.rows("SELECT username, loud, active FROM shouting WHERE id = 2"));
    }

    @Test
    void a_delete_is_a_user_deleted_event_and_frees_the_username() throws SQLException {
        f.store.users().join("alice", List.of("Editors"));
        assertEquals(1, sql.executeUpdate("DELETE FROM users_customuser WHERE username = 'alice'"));
        assertEquals(0, f.count("users_customuser"));
        assertEquals(0, f.count("users_customuser_groups"), "its memberships go with it");
        assertEquals("user deleted", last(f.store.queries().history("#1")).event(), "its history stays");
        assertEquals(2, f.add("alice", Map.of()), "the username is free again");
        assertTrue(new ProjectionChecks(f.projections).verify("custom_user", Progress.NONE).equal());
    }

    @Test
    void child_rows_are_memberships_and_permissions() throws SQLException {
        sql.executeUpdate("INSERT INTO users_customuser_groups (customuser_id, \"group\") VALUES (1, 'Editors')");
        assertEquals(0, sql.executeUpdate("INSERT INTO users_customuser_groups (customuser_id, \"group\")"
                + " VALUES (1, 'Editors')"), "joining a group one is in changes nothing");
        sql.executeUpdate("INSERT INTO users_customuser_user_permissions (customuser_id, permission)"
                + " VALUES (1, 'shop.refund_order')");
        assertEquals(List.of("Editors"), List.copyOf(f.store.queries().show("alice", null).groups()));
        assertEquals(List.of("shop.refund_order"), List.copyOf(f.store.queries().show("alice", null).permissions()));
        sql.executeUpdate("DELETE FROM users_customuser_groups WHERE customuser_id = 1 AND \"group\" = 'Editors'");
        assertEquals(List.of(), List.copyOf(f.store.queries().show("alice", null).groups()));
        assertRefused("23514", "INSERT and DELETE rows instead", "UPDATE users_customuser_user_permissions SET permission = 'a.b'");
        assertRefused("23503", "user #9 has no row in users_customuser",
                "INSERT INTO users_customuser_groups (customuser_id, \"group\") VALUES (9, 'Editors')");
        assertRefused("23514", "is not of the form app_label.codename",
                "INSERT INTO users_customuser_user_permissions (customuser_id, permission) VALUES (1, 'nodot')");
        assertEquals(List.of("user registered", "group joined", "permission granted", "group left"),
                f.store.queries().history("alice").stream().map(HistoryEntry::event).toList());
    }

    @Test
    void personal_data_written_by_sql_is_sealed_and_forget_reaches_it() throws SQLException {
        sql.executeUpdate("UPDATE users_customuser SET email = 'secret.alice@example.com', first_name = 'Secretia',"
                + " phone = '+49 555 0199' WHERE id = 1");
        String payloads = Sql.allEventPayloads(f.url);
        for (String personal : List.of("secret.alice", "Secretia", "555 0199")) {
            assertFalse(payloads.contains(personal), personal + " is sealed");
        }
        f.store.users().forget("alice");
        assertEquals(List.of(List.of("1", "#1", "", "", "false")), f.rows("SELECT id::text, username, email, first_name,"
                + " is_active::text FROM users_customuser"), "a forgotten user keeps a row without personal data");
        assertTrue(f.store.queries().history("#1").stream().noneMatch(entry -> entry.details().contains("Secretia")));
    }

    @Test
    void userstores_own_writes_never_pass_through_the_triggers() {
        f.store.users().set("alice", Map.of("phone", "+4930", "first_name", "Alice"));
        f.store.users().join("alice", List.of("Editors"));
        assertEquals(List.of("user registered", "name changed", "attribute set", "group joined"),
                f.store.queries().history("alice").stream().map(HistoryEntry::event).toList(),
                "each change recorded once, by the shell");
        assertEquals(List.of(List.of("Alice", "+4930")), f.rows("SELECT first_name, phone FROM users_customuser"));
    }

    @Test
    void a_write_through_one_table_in_service_shows_in_every_table_in_service_at_once() throws Exception {
        f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
        f.projections.switchTo("django_auth_user");
        String spec = ProjectionFixture.specFile("""
                table: active_users
                columns:
                  - {name: id, from: id, type: integer, primary_key: true}
                  - {name: login, from: username, type: text}
                where: {is_active: true}
                """);
        f.projections.create("active_users", spec, Progress.NONE);
        f.projections.switchTo("active_users");

        sql.executeUpdate("UPDATE users_customuser SET email = 'new@example.com', username = 'alicia' WHERE id = 1");
        sql.executeUpdate("INSERT INTO users_customuser_groups (customuser_id, \"group\") VALUES (1, 'Editors')");
        sql.executeUpdate("INSERT INTO users_customuser (password, is_superuser, username, is_staff, is_active,"
                + " date_joined) VALUES ('" + HASH + "', false, 'bob', false, true, now())");
        assertEquals(List.of(List.of("1", "alicia", "new@example.com"), List.of("2", "bob", "")),
                f.rows("SELECT id::text, username, email FROM auth_user ORDER BY id"));
        assertEquals(List.of(List.of("1", "Editors")), f.rows("SELECT user_id::text, \"group\" FROM auth_user_groups"));
        assertEquals(List.of(List.of("1", "alicia"), List.of("2", "bob")), f.rows("SELECT id::text, login FROM active_users ORDER BY id"));

        sql.executeUpdate("UPDATE users_customuser SET is_active = false WHERE id = 1");
        assertEquals(List.of(List.of("2")), f.rows("SELECT id::text FROM active_users"), "alicia left the active users");
        sql.executeUpdate("UPDATE users_customuser SET is_active = true WHERE id = 1");
        f.projections.versions("active_users");
        assertEquals(List.of(List.of("1", "alicia"), List.of("2", "bob")),
                f.rows("SELECT id::text, login FROM active_users ORDER BY id"), "and is back once userstore looks");

        sql.executeUpdate("DELETE FROM users_customuser WHERE id = 2");
        assertEquals(List.of(List.of("1")), f.rows("SELECT id::text FROM auth_user"));
        for (String name : List.of("custom_user", "django_auth_user", "active_users")) {
            assertTrue(new ProjectionChecks(f.projections).verify(name, Progress.NONE).equal(), name);
        }
    }

    private void assertRefused(String sqlState, String message, String statement) {
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Statement own = app.createStatement()) {
                own.execute("BEGIN");
                try {
                    for (String part : statement.split("; ")) {
                        own.execute(part);
                    }
                } finally {
                    own.execute("ROLLBACK");
                }
            }
        }, statement);
        assertEquals(sqlState, refused.getSQLState(), refused.getMessage());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    private static HistoryEntry last(List<HistoryEntry> history) {
        return history.get(history.size() - 1);
    }
}

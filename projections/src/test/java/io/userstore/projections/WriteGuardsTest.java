package io.userstore.projections;

import io.userstore.domain.Progress;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An application writing to a stable name (Django logging a user in) never bypasses the events. */
class WriteGuardsTest {

    @Test
    void a_login_written_by_sql_becomes_an_event_and_other_writes_are_refused() throws SQLException {
        try (ProjectionFixture f = new ProjectionFixture()) {
            f.add("alice", Map.of());
            f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
            f.projections.switchTo("django_auth_user");
            f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);

            try (Connection django = DriverManager.getConnection(f.url); Statement statement = django.createStatement()) {
                // what Django's update_last_login sends
                assertEquals(1, statement.executeUpdate("UPDATE \"auth_user\" SET \"last_login\" ="
                        + " '2025-06-01T12:34:56.123456+00:00'::timestamptz WHERE \"auth_user\".\"id\" = 1"));
                SQLException refused = assertThrows(SQLException.class,
                        () -> statement.executeUpdate("UPDATE auth_user SET email = 'x@example.com' WHERE id = 1"));
                assertEquals("25006", refused.getSQLState());
                assertTrue(refused.getMessage().contains("UPDATE on auth_user: this table is a userstore projection"),
                        refused.getMessage());
                assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM auth_user"));
                assertThrows(SQLException.class, () -> statement.executeUpdate(
                        "INSERT INTO auth_user_groups (user_id, \"group\") VALUES (1, 'x')"));
            }

            Instant login = Instant.parse("2025-06-01T12:34:56.123456Z");
            assertEquals(login, f.store.queries().show("alice", null).lastLogin(), "the login is an event");
            assertEquals("user logged in", f.store.queries().history("alice").get(1).event());
            assertEquals(List.of(List.of("2025-06-01T12:34:56.123456Z")),
                    f.rows("SELECT to_char(last_login AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                            + " FROM users_customuser__custom_user_v1"), "every ready version has it");
            assertEquals(List.of(List.of("")), f.rows("SELECT email FROM auth_user"), "the refused write changed nothing");
            assertTrue(new ProjectionChecks(f.projections).verify("django_auth_user", Progress.NONE).equal());
        }
    }
}

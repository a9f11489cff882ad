package io.userstore.projections;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.Progress;
import io.userstore.projections.api.ProjectionBuildException;
import io.userstore.projections.api.ProjectionVersion;
import io.userstore.projections.api.VersionState;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionLifecycleTest {

    private final ProjectionFixture f = new ProjectionFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void create_switch_rebuild_rollback_and_drop() {
        f.add("alice", Map.of("email", "Alice@Example.com", "phone", "+4930", "birthday", "1990-05-01"));
        f.add("bob", Map.of("is_staff", "true"));
        f.store.users().join("alice", List.of("Editors"));

        ProjectionVersion first = f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
        assertEquals(VersionState.READY, first.state());
        assertEquals(2, first.rows());
        f.projections.switchTo("django_auth_user");
        assertEquals(List.of(List.of("1", "alice", "Alice@Example.com", "f"), List.of("2", "bob", "", "t")),
                f.rows("SELECT id::text, username, email, is_staff::text FROM auth_user ORDER BY id").stream()
                        .map(r -> List.of(r.get(0), r.get(1), r.get(2), r.get(3).substring(0, 1))).toList());
        assertEquals(List.of(List.of("1", "Editors")), f.rows("SELECT user_id::text, \"group\" FROM auth_user_groups"));

        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        assertEquals(List.of(List.of("alice", "+4930", "1990-05-01")),
                f.rows("SELECT username, phone, birthday::text FROM users_customuser WHERE phone IS NOT NULL"));

        f.store.users().set("bob", Map.of("phone", "555"));
        assertEquals(List.of(List.of("555")), f.rows("SELECT phone FROM users_customuser WHERE username = 'bob'"),
                "the table in service sees the write at once");

        ProjectionVersion second = f.projections.rebuild("custom_user", Progress.NONE);
        assertEquals(2, second.version());
        assertEquals("users_customuser", f.projections.switchTo("custom_user").stableTable());
        assertEquals(2, f.projections.binding("users_customuser").orElseThrow().version());
        f.projections.rollback("users_customuser");
        assertEquals(1, f.projections.binding("users_customuser").orElseThrow().version());
        assertEquals(2, f.count("users_customuser"));

        UserStoreException refused = assertThrows(UserStoreException.class, () -> f.projections.drop("custom_user", false));
        assertTrue(refused.getMessage().startsWith("projection custom_user serves users_customuser"), refused.getMessage());
        f.projections.drop("custom_user", true);
        assertEquals(0L, f.count("pg_class WHERE relname LIKE 'users_customuser%'"));
        assertEquals(List.of("django_auth_user"), f.projections.names());
    }

    @Test
    void a_spec_naming_a_table_of_the_application_is_refused_before_anything_is_built() {
        f.add("alice", Map.of());
        Sql.execute(f.url, "CREATE TABLE public.users_customuser (id integer PRIMARY KEY, note text)");
        UserStoreException refused = assertThrows(UserStoreException.class,
                () -> f.projections.create("custom_user", "builtin:custom_user", Progress.NONE));
        assertTrue(refused.getMessage().startsWith("builtin:custom_user:4: table 'users_customuser' exists already and"
                + " userstore does not maintain it"), refused.getMessage());
        assertEquals(List.of(), f.projections.names(), "nothing registered");
        assertEquals(0L, f.count("pg_class WHERE relname LIKE '%\\_\\_custom\\_user\\_v%'"), "nothing built");

        Sql.execute(f.url, "DROP TABLE public.users_customuser");
        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        f.projections.create("custom_again", "builtin:custom_user", Progress.NONE);
        assertEquals(List.of("custom_again", "custom_user"), f.projections.names().stream().sorted().toList(),
                "a table userstore serves may be named by another projection, to switch to later");
    }

    @Test
    void a_switch_keeps_only_the_served_version_and_the_rollback_target() {
        f.add("alice", Map.of());
        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        f.projections.rebuild("custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        f.projections.rebuild("custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        assertEquals(List.of(2, 3), f.projections.versions("custom_user").stream().map(ProjectionVersion::version).toList());
        assertEquals(0L, f.count("pg_class WHERE relname = 'users_customuser__custom_user_v1'"));
        f.projections.rollback("users_customuser");
        assertEquals(2, f.projections.binding("users_customuser").orElseThrow().version());
    }

    @Test
    void a_value_that_does_not_fit_fails_the_build_and_the_old_version_keeps_serving() {
        f.add("alice", Map.of("birthday", "1990-05-01"));
        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        f.projections.drop("custom_user", true);
        f.add("carol", Map.of("birthday", "31-02-1990"));

        ProjectionBuildException failed = assertThrows(ProjectionBuildException.class,
                () -> f.projections.create("custom_user", "builtin:custom_user", Progress.NONE));
        assertEquals("user 2 (carol): column birthday (date) cannot hold '31-02-1990' from attr.birthday:"
                + " not a date (YYYY-MM-DD)", failed.getMessage());
        assertEquals(VersionState.FAILED, f.projections.versions("custom_user").get(0).state());
    }

    @Test
    void a_write_the_table_in_service_cannot_hold_is_refused_and_changes_nothing() {
        f.add("alice", Map.of());
        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
        f.projections.switchTo("custom_user");
        long events = f.count("userstore.domain_event_entry");
        UserStoreException refused = assertThrows(UserStoreException.class,
                () -> f.store.users().set("alice", Map.of("birthday", "31-02-1990")));
        assertTrue(refused.getMessage().contains("column birthday (date) cannot hold '31-02-1990'"), refused.getMessage());
        assertEquals(events, f.count("userstore.domain_event_entry"));
    }

    @Test
    void a_version_not_in_service_that_cannot_hold_a_value_is_blocked_and_never_refuses_the_write() {
        f.add("alice", Map.of());
        f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
        f.projections.switchTo("django_auth_user");
        f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);

        f.store.users().set("alice", Map.of("birthday", "31-02-1990"));
        assertEquals("31-02-1990", f.store.queries().show("alice", null).attributes().get("birthday"), "the write went through");

        ProjectionVersion blocked = f.projections.versions("custom_user").get(0);
        assertEquals("blocked: user 1 (alice): column birthday (date) cannot hold '31-02-1990' from attr.birthday:"
                + " not a date (YYYY-MM-DD)", blocked.error());
        assertEquals(List.of(List.of("1", "column birthday (date) cannot hold the value from attr.birthday:"
                        + " not a date (YYYY-MM-DD)", "birthday")),
                f.rows("SELECT blocked_user::text, blocked_problem, blocked_column FROM userstore.projection_version"
                        + " WHERE name = 'custom_user'"), "stored without the value or the name");
        UserStoreException refused = assertThrows(UserStoreException.class, () -> f.projections.switchTo("custom_user"));
        assertTrue(refused.getMessage().startsWith("cannot switch to custom_user v1: user 1 (alice): column birthday"
                + " (date) cannot hold '31-02-1990'"), refused.getMessage());
        assertEquals("django_auth_user", f.projections.binding("auth_user").orElseThrow().name(), "the one in service serves");

        f.store.users().forget("alice");
        assertNull(f.projections.versions("custom_user").get(0).error(), "forgotten, alice has no birthday to hold");
        assertEquals(List.of(Arrays.asList(null, null)), f.rows("SELECT blocked_user::text, blocked_problem"
                + " FROM userstore.projection_version WHERE name = 'custom_user'"), "and nothing of her is kept");
        assertEquals("users_customuser", f.projections.switchTo("custom_user").stableTable());
    }

    @Test
    void where_filters_and_forgotten_users_leave_the_table() {
        f.add("active", Map.of());
        f.add("gone", Map.of("is_active", "false"));
        f.add("forgotten", Map.of());
        String spec = ProjectionFixture.specFile("""
                name: active_users
                table: active_users
                columns:
                  - {name: id, from: id, type: bigint, primary_key: true}
                  - {name: login, from: username, type: text, transform: upper}
                where: {is_active: true}
                """);
        f.projections.create("active_users", spec, Progress.NONE);
        f.store.users().forget("forgotten");
        f.projections.switchTo("active_users");
        assertEquals(List.of(List.of("ACTIVE")), f.rows("SELECT login FROM active_users"));
        f.store.users().activate("gone", true);
        assertEquals(2, f.count("active_users"));
    }
}

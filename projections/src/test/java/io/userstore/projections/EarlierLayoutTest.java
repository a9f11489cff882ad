package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store an earlier release made (its tables in {@code public}, stable names as views over the
 * version in service) opens as it is: the tables move into the userstore schema, the views
 * become the tables they showed, and nothing is lost.
 */
class EarlierLayoutTest {

    @Test
    void a_store_of_an_earlier_release_is_moved_into_its_schema_and_its_views_become_tables() {
        String url = TestDatabases.freshEmbedded();
        try (UserStore store = TestDatabases.open(url)) {
            store.users().add(new NewUser("alice", null, PasswordInput.NONE, Map.of("email", "alice@example.com")));
            store.users().join("alice", List.of("Editors"));
            Projections projections = new Projections(store);
            projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
            projections.switchTo("django_auth_user");
        }
        layOutAsAnEarlierReleaseDid(url);
        assertEquals("v", Sql.rows(url, "SELECT relkind::text FROM pg_class WHERE oid = 'public.auth_user'::regclass")
                .get(0).get(0));

        try (UserStore store = TestDatabases.open(url)) {
            Projections projections = new Projections(store);
            assertEquals("alice@example.com", store.queries().show("alice", null).email());
            assertEquals(List.of(List.of("r", "r", "r")), Sql.rows(url, "SELECT"
                    + " (SELECT relkind::text FROM pg_class WHERE oid = 'public.auth_user'::regclass),"
                    + " (SELECT relkind::text FROM pg_class WHERE oid = 'public.auth_user_groups'::regclass),"
                    + " (SELECT relkind::text FROM pg_class WHERE oid = 'userstore.domain_event_entry'::regclass)"));
            Sql.execute(url, "UPDATE public.auth_user SET first_name = 'Alice' WHERE username = 'alice'");
            assertEquals("Alice", store.queries().show("alice", null).firstName(), "SQL writes work on the converted table");
            store.users().add(new NewUser("bob", null, PasswordInput.NONE, Map.of()));
            assertEquals(2, Sql.count(url, "SELECT count(*) FROM public.auth_user"));
            assertTrue(new ProjectionChecks(projections).verify("django_auth_user", Progress.NONE).equal());
        }
    }

    /** What the layout was before the userstore schema: everything in public, views for stable names. */
    private static void layOutAsAnEarlierReleaseDid(String url) {
        for (String table : List.of("domain_event_entry", "snapshot_event_entry", "token_entry", "user_registry",
                "projection", "projection_version", "projection_binding")) {
            Sql.execute(url, "ALTER TABLE userstore." + table + " SET SCHEMA public");
        }
        Sql.execute(url, "ALTER SEQUENCE userstore.user_id_seq SET SCHEMA public");
        Sql.execute(url, "ALTER TABLE public.user_registry DROP COLUMN deleted");
        Sql.execute(url, "DROP TABLE userstore.schema_fingerprint");
        for (String table : List.of("auth_user", "auth_user_groups", "auth_user_user_permissions")) {
            Sql.execute(url, "DROP TRIGGER IF EXISTS userstore_write ON public." + table);
            Sql.execute(url, "DROP TRIGGER IF EXISTS userstore_truncate ON public." + table);
            Sql.execute(url, "ALTER TABLE public." + table + " RENAME TO " + table + "__django_auth_user_v1");
            Sql.execute(url, "CREATE VIEW public." + table + " AS SELECT * FROM public." + table + "__django_auth_user_v1");
        }
    }
}

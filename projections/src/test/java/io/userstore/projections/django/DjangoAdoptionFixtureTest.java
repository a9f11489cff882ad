package io.userstore.projections.django;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.projections.DjangoAdoption;
import io.userstore.projections.ProjectionChecks;
import io.userstore.projections.Projections;
import io.userstore.testing.DjangoFixture;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared Django fixture (200 users, groups with odd names, permissions of removed apps) adopted
 * in place: the new tables hold exactly what the old ones held, with Django's ids in the join
 * tables, and the foreign keys Django made point at them.
 */
class DjangoAdoptionFixtureTest {

    private static final String USER_COLUMNS = "id, password, last_login, is_superuser, username, first_name,"
            + " last_name, email, is_staff, is_active, date_joined";

    @Test
    void auth_user_adopted_in_place_holds_what_it_held_and_keeps_its_foreign_keys() {
        String url = TestDatabases.freshEmbedded();
        DjangoFixture.load(url);
        Sql.execute(url, "CREATE TABLE public.blog_post (id serial PRIMARY KEY, author_id integer NOT NULL"
                + " REFERENCES public.auth_user (id) DEFERRABLE INITIALLY DEFERRED)");
        Sql.execute(url, "INSERT INTO public.blog_post (author_id) SELECT id FROM public.auth_user ORDER BY id LIMIT 3");
        try (UserStore store = TestDatabases.open(url)) {
            Projections projections = new Projections(store);
            List<String> said = new ArrayList<>();
            DjangoAdoption.Outcome outcome = new DjangoAdoption(projections).adopt(null, null, false, Progress.NONE, said::add);
            assertTrue(outcome.changed());
            assertEquals("auth_user now serves django_auth_user v1: every write to it becomes an event"
                    + " (`django release auth_user` hands it back)", said.get(said.size() - 1));

            assertEquals(0, Sql.count(url, "SELECT count(*) FROM (SELECT " + USER_COLUMNS + " FROM auth_user__before_userstore"
                    + " EXCEPT SELECT " + USER_COLUMNS + " FROM auth_user) missing"), "every row as it was");
            assertEquals(200, Sql.count(url, "SELECT count(*) FROM auth_user"));
            assertEquals(0, Sql.count(url, "SELECT count(*) FROM (SELECT user_id, group_id FROM auth_user_groups__before_userstore"
                    + " EXCEPT SELECT user_id, group_id FROM auth_user_groups) missing"), "memberships with Django's ids");
            assertEquals(Sql.count(url, "SELECT count(*) FROM auth_user_groups__before_userstore"),
                    Sql.count(url, "SELECT count(*) FROM auth_user_groups"));
            assertEquals(0, Sql.count(url, "SELECT count(*) FROM (SELECT user_id, permission_id FROM"
                    + " auth_user_user_permissions__before_userstore EXCEPT SELECT user_id, permission_id FROM"
                    + " auth_user_user_permissions) missing"), "direct permissions with Django's ids");
            assertEquals(List.of(List.of("public.auth_user")), Sql.rows(url, "SELECT 'public.' || confrelid::regclass::text"
                    + " FROM pg_constraint WHERE conname LIKE 'blog_post_author_id%'"), "the application's key moved");
            assertEquals(List.of(List.of("auth", "user")), Sql.rows(url, "SELECT app_label, model FROM django_content_type"
                    + " WHERE id = 4"), "Django's own model keeps its content type");
            assertTrue(new ProjectionChecks(projections).verify("django_auth_user", Progress.NONE).equal());

            List<String> again = new ArrayList<>();
            assertTrue(!new DjangoAdoption(projections).adopt(null, null, false, Progress.NONE, again::add).changed());
            assertTrue(again.get(0).startsWith("nothing to do: auth_user is served by userstore already"), again.get(0));

            assertEquals(List.of("auth_user", "auth_user_groups", "auth_user_user_permissions"),
                    projections.release("auth_user"));
            assertEquals(200, Sql.count(url, "SELECT count(*) FROM auth_user"), "the rows stay");
            Sql.execute(url, "UPDATE auth_user SET first_name = 'plain' WHERE id = 1");
            assertEquals(0, Sql.count(url, "SELECT count(*) FROM pg_trigger t WHERE NOT t.tgisinternal"
                    + " AND t.tgrelid = 'public.auth_user'::regclass"), "no triggers left");
            assertEquals(List.of(), projections.names());
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.domain.django.DjangoImporter;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.django.DjangoDatabase;
import io.userstore.projections.django.DjangoModel;
import io.userstore.testing.DjangoFixture;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A build inside one transaction holds a run of users at a time; the runs together make every row. */
class InPlaceBuildTest {

    private static final String USER_COLUMNS = "id, password, last_login, is_superuser, username, first_name,"
            + " last_name, email, is_staff, is_active, date_joined";

    @Test
    void runs_of_a_few_users_build_the_same_tables_as_django_had() {
        String url = TestDatabases.freshEmbedded();
        DjangoFixture.load(url);
        try (UserStore store = TestDatabases.open(url)) {
            new DjangoImporter(store).run(url, "public", Progress.NONE);
            VersionTables tables = new VersionTables(DjangoDatabase.shapedSpec("builtin:django_auth_user",
                    DjangoModel.AUTH_USER), 1, false);
            InPlaceBuild.Built[] built = {null};
            new Jdbc(store.transactions()).inTransaction(connection ->
                    built[0] = new InPlaceBuild(store.eventLog(), 7).build(connection, tables, Progress.NONE));

            String groups = tables.child(tables.spec().children().stream()
                    .filter(child -> child.table().equals(DjangoDatabase.GROUPS_TABLE)).findFirst().orElseThrow());
            assertEquals(200, built[0].rows(), "200 users in 29 runs, the last one short");
            assertEquals(0, Sql.count(url, "SELECT count(*) FROM (SELECT " + USER_COLUMNS + " FROM public.auth_user"
                    + " EXCEPT SELECT " + USER_COLUMNS + " FROM " + tables.main() + ") missing"), "no user left out");
            assertEquals(0, Sql.count(url, "SELECT count(*) FROM (SELECT user_id, group_id FROM public.auth_user_groups"
                    + " EXCEPT SELECT user_id, group_id FROM " + groups + ") missing"), "no membership left out");
            assertEquals(Sql.count(url, "SELECT count(*) FROM public.auth_user_groups"),
                    Sql.count(url, "SELECT count(*) FROM " + groups), "none twice");
        }
    }
}

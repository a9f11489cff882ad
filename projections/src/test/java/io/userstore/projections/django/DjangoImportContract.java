package io.userstore.projections.django;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.django.DjangoImporter;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.projections.Projections;
import io.userstore.testing.DjangoFixture;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared Django fixture imported and projected back: every hash checks as Django checks it,
 * auth_user comes back row for row, memberships and permissions as the same sets.
 */
abstract class DjangoImportContract {

    private static final String USER_COLUMNS = "id, password, last_login, is_superuser, username, first_name,"
            + " last_name, email, is_staff, is_active, date_joined";

    private String source;
    private String target;
    private UserStore store;

    protected abstract String freshDatabase();

    @BeforeEach
    void open() {
        source = freshDatabase();
        DjangoFixture.load(source);
        target = freshDatabase();
        store = TestDatabases.open(target);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private DjangoImporter.Outcome importIt(String from) {
        return new DjangoImporter(store).run(from, "public", Progress.NONE);
    }

    @Test
    void the_fixture_comes_back_row_for_row() {
        DjangoImporter.Outcome outcome = importIt(source);
        assertEquals(200, outcome.imported());

        for (DjangoFixture.PasswordRow row : DjangoFixture.passwords()) {
            assertEquals(row.expectedCheck(), store.queries().checkPassword(row.username(), row.plaintext()).label(),
                    row.username() + " (" + row.algorithm() + ")");
        }

        Projections projections = new Projections(store);
        projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
        projections.switchTo("django_auth_user");
        assertEquals(Sql.rows(source, "SELECT " + USER_COLUMNS + " FROM auth_user ORDER BY id"),
                Sql.rows(target, "SELECT " + USER_COLUMNS + " FROM auth_user ORDER BY id"));
        assertEquals(Set.copyOf(Sql.rows(source, "SELECT u.username, g.name FROM auth_user_groups ug"
                        + " JOIN auth_user u ON u.id = ug.user_id JOIN auth_group g ON g.id = ug.group_id")),
                Set.copyOf(Sql.rows(target, "SELECT u.username, ug.\"group\" FROM auth_user_groups ug"
                        + " JOIN auth_user u ON u.id = ug.user_id")));
        assertEquals(Set.copyOf(Sql.rows(source, "SELECT u.username, ct.app_label || '.' || p.codename"
                        + " FROM auth_user_user_permissions up JOIN auth_user u ON u.id = up.user_id"
                        + " JOIN auth_permission p ON p.id = up.permission_id JOIN django_content_type ct"
                        + " ON ct.id = p.content_type_id")),
                Set.copyOf(Sql.rows(target, "SELECT u.username, up.permission FROM auth_user_user_permissions up"
                        + " JOIN auth_user u ON u.id = up.user_id")));
        assertEquals(163, Sql.count(target, "SELECT count(*) FROM auth_user_groups"));
        assertEquals(29, Sql.count(target, "SELECT count(*) FROM auth_user_user_permissions"));

        long maxId = Sql.count(source, "SELECT max(id) FROM auth_user");
        assertEquals(maxId + 1, store.users().add(new NewUser("newcomer", null, PasswordInput.NONE, Map.of())),
                "the id sequence moved past the imported ids");
    }

    @Test
    void timestamps_without_time_zone_are_read_as_utc() {
        Sql.execute(source, "ALTER TABLE auth_user ALTER COLUMN last_login TYPE timestamp USING last_login AT TIME ZONE 'UTC',"
                + " ALTER COLUMN date_joined TYPE timestamp USING date_joined AT TIME ZONE 'UTC'");
        importIt(source);
        List<String> expected = Sql.rows(source, "SELECT username || ' ' || to_char(date_joined, 'YYYY-MM-DD HH24:MI:SS.US')"
                + " FROM auth_user WHERE id IN (1, 2, 3) ORDER BY id").stream().map(r -> r.get(0)).toList();
        List<String> imported = expected.stream().map(line -> line.substring(0, line.indexOf(' '))).map(name -> {
            java.time.Instant joined = store.queries().show(name, null).dateJoined();
            return name + " " + java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS")
                    .withZone(java.time.ZoneOffset.UTC).format(joined);
        }).toList();
        assertEquals(expected, imported);
    }

    @Test
    void running_it_again_imports_nothing_twice() {
        importIt(source);
        long events = Sql.count(target, "SELECT count(*) FROM userstore.domain_event_entry");
        DjangoImporter.Outcome again = importIt(source);
        assertEquals(0, again.imported());
        assertEquals(200, again.alreadyImported());
        assertEquals(events, Sql.count(target, "SELECT count(*) FROM userstore.domain_event_entry"));
    }

    @Test
    void broken_databases_are_named_and_nothing_lands() throws SQLException {
        Sql.execute(source, "DROP TABLE auth_user_groups");
        assertRefused(source, "is not a Django auth database as userstore reads it: table auth_user_groups is missing;"
                + " nothing was imported");

        String noEmail = freshDatabase();
        DjangoFixture.load(noEmail);
        Sql.execute(noEmail, "ALTER TABLE auth_user DROP COLUMN email");
        assertRefused(noEmail, "column auth_user.email is missing");

        String wrongType = freshDatabase();
        DjangoFixture.load(wrongType);
        Sql.execute(wrongType, "ALTER TABLE auth_user ALTER COLUMN is_staff TYPE integer USING is_staff::int");
        assertRefused(wrongType, "auth_user.is_staff is integer, expected boolean");

        assertRefused(freshDatabase(), "is not a Django auth database: schema public has none of");
    }

    @Test
    void a_clash_with_users_already_in_the_store_stops_the_import() {
        store.users().add(new NewUser("admin", 9999L, PasswordInput.NONE, Map.of()));
        assertRefused(source, "1 user(s) clash with the store: username admin (id 1) belongs to user #9999 in the"
                + " store; nothing was imported");
    }

    private void assertRefused(String from, String expected) {
        long events = Sql.count(target, "SELECT count(*) FROM userstore.domain_event_entry");
        UserStoreException e = assertThrows(UserStoreException.class, () -> importIt(from));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(events, Sql.count(target, "SELECT count(*) FROM userstore.domain_event_entry"), "nothing landed");
        Set<String> lines = new HashSet<>(List.of(e.getMessage().split("\n")));
        assertEquals(1, lines.size(), "one line");
    }
}

package io.userstore.shell.django;

import io.userstore.shell.Shell;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Django 5.2 project that starts on auth.User with data Django made, is adopted in place
 * with `django adopt`, moves to a custom user model, and does everything a project does with its
 * users on the adopted table (examples/django/checks.py says what, one line per check); then the
 * shell, a rebuild and switch, `manage.py test`, and `django release`.
 */
class DjangoAdoptionTest {

    @Test
    void a_django_project_moves_to_a_custom_user_model_on_the_adopted_tables() throws Exception {
        Shell shell = Shell.onFreshDatabase();
        DjangoProject django = new DjangoProject(shell.url);
        passes(django.run("before", "manage.py", "migrate", "--verbosity", "0"));
        passes(django.run("before", "checks.py", "seed"));

        Shell.Run plan = shell.run("-c", "django adopt --model users.CustomUser --spec builtin:custom_user --dry-run");
        assertEquals(0, plan.status(), plan.err());
        assertTrue(plan.out().endsWith("nothing was changed (--dry-run)\n"), plan.out());
        assertEquals("r", relkind(shell, "auth_user"), "a dry run changes nothing");

        Shell.Run adopt = shell.run("-c", "django adopt --model users.CustomUser --spec builtin:custom_user");
        assertEquals(0, adopt.status(), adopt.err());
        assertTrue(adopt.out().contains("imported 7 users"), adopt.out());
        assertTrue(adopt.out().contains("pointed 3 foreign keys at the new tables"), adopt.out());
        assertTrue(adopt.out().endsWith("users_customuser now serves custom_user v1: every write to it becomes an event"
                + " (`django release users_customuser` hands it back)\n"), adopt.out());
        Shell.Run again = shell.run("-c", "django adopt --model users.CustomUser --spec builtin:custom_user");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().startsWith("nothing to do: users_customuser is served by userstore already"), again.out());
        assertEquals(List.of(List.of("users", "customuser")), Sql.rows(shell.url, "SELECT app_label, model FROM"
                + " django_content_type WHERE id = (SELECT content_type_id FROM auth_permission WHERE codename = 'add_customuser')"));

        DjangoProject.Run migrate = django.run("after", "manage.py", "migrate");
        passes(migrate);
        assertTrue(migrate.output().contains("No migrations to apply."), migrate.output());
        DjangoProject.Run checks = django.run("after", "checks.py", "after");
        passes(checks);

        assertEquals(List.of("user imported", "user logged in", "password changed", "attribute set", "attribute set",
                "name changed", "group joined", "group left", "permission granted"), events(shell, "alice"),
                "every Django write shows in user history");
        assertEquals(List.of("user imported", "password changed", "user logged in"), events(shell, "dave"),
                "Django's upgrade of an older hash is a password change");
        assertEquals("user deleted", events(shell, "#7").get(events(shell, "#7").size() - 1), "the admin's delete");
        assertEquals(List.of("user registered"), events(shell, "root"));

        Shell.Run unknown = shell.run("-c", "user join alice Astronauts");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("column group_id of users_customuser_groups needs Django's id for group"
                + " 'Astronauts', which public.auth_group does not have; create it in Django first"), unknown.err());
        Sql.execute(shell.url, "INSERT INTO auth_group (name) VALUES ('Astronauts')");
        assertEquals(0, shell.run("-c", "user join alice Astronauts").status(), "once Django knows the group");
        assertEquals(List.of(List.of("Astronauts"), List.of("Support")), Sql.rows(shell.url, "SELECT g.name FROM"
                + " users_customuser_groups m JOIN auth_group g ON g.id = m.group_id JOIN users_customuser u"
                + " ON u.id = m.customuser_id WHERE u.username = 'alice' ORDER BY 1"));
        assertEquals(0, shell.run("-c", "user leave alice Astronauts").status());

        Shell.Run set = shell.run("-c", "user set alice first_name=FromTheShell");
        assertEquals(0, set.status(), set.err());
        passes(django.run("after", "checks.py", "shell_visible"));

        Shell.Run rebuilt = shell.run("-c", "projection rebuild custom_user", "-c", "projection switch custom_user");
        assertEquals(0, rebuilt.status(), rebuilt.err());
        assertTrue(rebuilt.out().contains("3 foreign keys moved along"), rebuilt.out());
        passes(django.run("after", "checks.py", "fk_after_switch"));
        Shell.Run verify = shell.run("-c", "projection verify custom_user");
        assertEquals("ok\n", verify.out(), verify.err());

        passes(django.run("after", "manage.py", "test", "shop", "--noinput"));

        Shell.Run release = shell.run("-c", "django release users_customuser");
        assertEquals(0, release.status(), release.err());
        assertEquals(0, Sql.count(shell.url, "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " WHERE NOT t.tgisinternal AND c.relname LIKE 'users_customuser%'"), "no triggers left");
        passes(django.run("after", "checks.py", "released"));
    }

    private static void passes(DjangoProject.Run run) {
        assertEquals(0, run.status(), run.output());
    }

    private static String relkind(Shell shell, String table) {
        return Sql.rows(shell.url, "SELECT relkind::text FROM pg_class WHERE oid = 'public." + table + "'::regclass")
                .get(0).get(0);
    }

    private static List<String> events(Shell shell, String user) {
        Shell.Run history = shell.run("--format", "csv", "-c", "user history '" + user + "'");
        assertEquals(0, history.status(), history.err());
        return history.out().lines().skip(1).map(line -> line.split(",")[2]).toList();
    }
}

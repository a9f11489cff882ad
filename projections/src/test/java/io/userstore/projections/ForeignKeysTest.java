package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications point foreign keys at the stable tables, and those keys survive every switch and
 * rollback; a switch that would leave their rows without a user is refused; a user still pointed
 * at leaves only as the key allows; readers and writers of the pointing tables never fail.
 */
class ForeignKeysTest {

    private final ProjectionFixture f = new ProjectionFixture();
    private Connection app;

    @BeforeEach
    void anApplicationPointsAtAuthUser() throws SQLException {
        f.add("alice", Map.of());
        f.add("bob", Map.of("is_active", "false"));
        f.add("carol", Map.of());
        f.store.users().join("alice", List.of("Editors"));
        f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
        f.projections.switchTo("django_auth_user");
        app = DriverManager.getConnection(f.url);
        execute("CREATE TABLE public.shop_order (id serial PRIMARY KEY, customer_id integer NOT NULL"
                        + " CONSTRAINT order_customer REFERENCES public.auth_user (id) DEFERRABLE INITIALLY DEFERRED)",
                "CREATE TABLE public.shop_review (id serial PRIMARY KEY, author_id integer"
                        + " CONSTRAINT review_author REFERENCES public.auth_user (id) ON DELETE CASCADE)",
                "CREATE TABLE public.editor_note (id serial PRIMARY KEY, user_id integer, grp varchar(150),"
                        + " CONSTRAINT note_membership FOREIGN KEY (user_id, grp)"
                        + " REFERENCES public.auth_user_groups (user_id, \"group\"))",
                "INSERT INTO public.shop_order (customer_id) VALUES (1), (2), (3)",
                "INSERT INTO public.shop_review (author_id) VALUES (1), (1)",
                "INSERT INTO public.editor_note (user_id, grp) VALUES (1, 'Editors')");
    }

    @AfterEach
    void close() throws SQLException {
        app.close();
        f.close();
    }

    @Test
    void foreign_keys_move_with_every_switch_and_rollback_keeping_names_actions_and_deferrability() throws SQLException {
        assertEquals(3, f.projections.rebuild("django_auth_user", Progress.NONE).rows());
        assertEquals(3, f.projections.switchTo("django_auth_user").foreignKeysMoved());
        assertKeysPointAtTheTablesInService();
        assertThrows(SQLException.class, () -> execute("INSERT INTO public.shop_order (customer_id) VALUES (99)"),
                "a key that moved still refuses a user that does not exist");

        assertEquals(3, f.projections.rollback("auth_user").foreignKeysMoved());
        assertKeysPointAtTheTablesInService();
        assertEquals(1, f.projections.binding("auth_user").orElseThrow().version());
        assertThrows(SQLException.class, () -> execute("INSERT INTO public.editor_note (user_id, grp) VALUES (3, 'Editors')"));
    }

    private void assertKeysPointAtTheTablesInService() {
        assertEquals(List.of(
                        List.of("note_membership", "auth_user_groups", "a", "false", "false", "true"),
                        List.of("order_customer", "auth_user", "a", "true", "true", "true"),
                        List.of("review_author", "auth_user", "c", "false", "false", "true")),
                f.rows("SELECT conname, confrelid::regclass::text, confdeltype::text, condeferrable::text,"
                        + " condeferred::text, convalidated::text FROM pg_constraint WHERE contype = 'f'"
                        + " AND conrelid::regclass::text IN ('shop_order', 'shop_review', 'editor_note') ORDER BY 1"));
    }

    @Test
    void a_switch_that_would_strand_rows_is_refused_before_anything_changes() throws Exception {
        String spec = ProjectionFixture.specFile(Files.readString(Path.of("specs/django_auth_user.yaml"))
                .replace("name: django_auth_user", "name: active_only") + "where: {is_active: true}\n");
        f.projections.create("active_only", spec, Progress.NONE);
        UserStoreException refused = assertThrows(UserStoreException.class, () -> f.projections.switchTo("active_only"));
        assertEquals("cannot switch to active_only v1: 1 row of public.shop_order (id 2, through foreign key"
                + " order_customer of public.shop_order (customer_id)) points at id 2, which active_only v1 does not"
                + " have; nothing was changed (give the spec the users these rows need, or delete the rows)",
                refused.getMessage());
        assertEquals("django_auth_user", f.projections.binding("auth_user").orElseThrow().name());
        assertKeysPointAtTheTablesInService();
        assertEquals(3, f.count("auth_user"));
    }

    @Test
    void a_user_rows_point_at_leaves_only_as_the_foreign_key_allows() throws SQLException {
        UserStoreException refused = assertThrows(UserStoreException.class, () -> f.store.users().delete("carol"));
        assertEquals("user #3 cannot leave auth_user: 1 row of public.shop_order (id 3) points at it through foreign key"
                + " order_customer of public.shop_order (customer_id); delete or change those rows first, or declare the"
                + " foreign key ON DELETE CASCADE", refused.getMessage());
        assertEquals(3, f.count("auth_user"), "nothing changed");
        SQLException byApplication = assertThrows(SQLException.class,
                () -> execute("DELETE FROM public.auth_user WHERE id = 3"));
        assertEquals("23503", byApplication.getSQLState(), "as PostgreSQL refuses it");

        execute("DELETE FROM public.shop_order WHERE customer_id = 1", "DELETE FROM public.editor_note");
        f.store.users().delete("alice");
        assertEquals(0, f.count("public.shop_review"), "a cascading key takes its rows along");

        f.store.users().forget("carol");
        assertEquals(List.of(List.of("3", "#3")), f.rows("SELECT id::text, username FROM auth_user WHERE id = 3"),
                "a forgotten user keeps its row, without personal data, for the rows pointing at it");
    }

    @Test
    void a_switch_waits_for_a_long_transaction_then_gives_up_naming_it() throws Exception {
        System.setProperty("userstore.switch.attempts", "3");
        System.setProperty("userstore.switch.lockTimeoutMillis", "100");
        try (ProjectionFixture shortWait = new ProjectionFixture();
             Connection blocker = DriverManager.getConnection(shortWait.url)) {
            shortWait.add("alice", Map.of());
            shortWait.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
            shortWait.projections.switchTo("django_auth_user");
            shortWait.projections.rebuild("django_auth_user", Progress.NONE);
            blocker.setAutoCommit(false);
            blocker.createStatement().executeQuery("SELECT count(*) FROM public.auth_user").close();
            int pid = pid(blocker);
            UserStoreException gaveUp = assertThrows(UserStoreException.class,
                    () -> shortWait.projections.switchTo("django_auth_user"));
            assertTrue(gaveUp.getMessage().startsWith("projection switch gave up after 3 attempts of 100 ms: session "
                    + pid + " ("), gaveUp.getMessage());
            assertTrue(gaveUp.getMessage().contains("idle in transaction"), gaveUp.getMessage());
            blocker.commit();
            assertEquals(2, shortWait.projections.switchTo("django_auth_user").now().version());
        } finally {
            System.clearProperty("userstore.switch.attempts");
            System.clearProperty("userstore.switch.lockTimeoutMillis");
        }
    }

    @Test
    void readers_and_writers_of_a_pointing_table_never_fail_during_switches() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger orders = new AtomicInteger();
        Thread reader = new Thread(() -> loop(running, failures, statement -> {
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM public.shop_order o"
                    + " JOIN public.auth_user u ON u.id = o.customer_id")) {
                rs.next();
                reads.incrementAndGet();
            }
        }));
        Thread writer = new Thread(() -> loop(running, failures, statement -> {
            statement.executeUpdate("INSERT INTO public.shop_order (customer_id) VALUES (3)");
            orders.incrementAndGet();
        }));
        reader.start();
        writer.start();
        for (int round = 0; round < 3; round++) {
            f.projections.rebuild("django_auth_user", Progress.NONE);
            f.projections.switchTo("django_auth_user");
            f.projections.rollback("auth_user");
            f.projections.switchTo("django_auth_user");
        }
        running.set(false);
        reader.join();
        writer.join();
        assertEquals(0, failures.get(), "failed reads or writes");
        assertTrue(reads.get() > 10 && orders.get() > 10, reads + " reads, " + orders + " orders");
        assertEquals(3 + orders.get(), f.count("public.shop_order"));
        assertKeysPointAtTheTablesInService();
    }

    @FunctionalInterface
    private interface Work {
        void run(Statement statement) throws SQLException;
    }

    private void loop(AtomicBoolean running, AtomicInteger failures, Work work) {
        try (Connection connection = DriverManager.getConnection(f.url); Statement statement = connection.createStatement()) {
            while (running.get()) {
                try {
                    work.run(statement);
                } catch (SQLException e) {
                    failures.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            failures.incrementAndGet();
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Statement statement = app.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

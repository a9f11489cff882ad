package io.userstore.domain.user;

import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers racing in two store instances (two pools, as two processes would have) on one
 * database: one username never goes to two users, and no change to one user is lost.
 */
class ConcurrentWritersTest {

    private static final int WRITERS = 6;

    @Test
    void a_contested_username_has_exactly_one_winner() throws Exception {
        String url = TestDatabases.freshEmbedded();
        try (UserStore first = TestDatabases.open(url); UserStore second = TestDatabases.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                for (int round = 0; round < 25; round++) {
                    String username = "contested" + round;
                    List<String> outcomes = race(pool, writer -> {
                        UserStore store = writer % 2 == 0 ? first : second;
                        store.users().add(new NewUser(username, null, PasswordInput.NONE, Map.of()));
                        return "won";
                    });
                    assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
                    assertTrue(outcomes.stream().filter(o -> !o.equals("won"))
                            .allMatch(o -> o.startsWith("username " + username + " is already taken")), outcomes.toString());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(25, Sql.count(url, "SELECT count(username) FROM userstore.user_registry"));
            assertEquals(25, Sql.count(url, "SELECT count(*) FROM userstore.domain_event_entry"));
        }
    }

    @Test
    void concurrent_changes_to_one_user_are_all_kept() throws Exception {
        String url = TestDatabases.freshEmbedded();
        try (UserStore first = TestDatabases.open(url); UserStore second = TestDatabases.open(url)) {
            first.users().add(new NewUser("shared", null, PasswordInput.NONE, Map.of()));
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            int perWriter = 15;
            try {
                List<String> outcomes = race(pool, writer -> {
                    UserStore store = writer % 2 == 0 ? first : second;
                    for (int i = 0; i < perWriter; i++) {
                        store.users().join("shared", List.of("g" + writer + "-" + i));
                    }
                    return "done";
                });
                assertEquals(List.of("done", "done", "done", "done", "done", "done"), outcomes);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(WRITERS * perWriter, first.queries().show("shared", null).groups().size());
            assertEquals(1 + WRITERS * perWriter, Sql.count(url, "SELECT count(*) FROM userstore.domain_event_entry"));
            assertEquals(List.of(), Sql.rows(url, "SELECT sequence_number FROM userstore.domain_event_entry"
                    + " GROUP BY sequence_number HAVING count(*) > 1"));
        }
    }

    @FunctionalInterface
    private interface Writer {
        String write(int writer) throws Exception;
    }

    private static List<String> race(ExecutorService pool, Writer writer) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int id = w;
            Callable<String> task = () -> {
                start.await();
                try {
                    return writer.write(id);
                } catch (UserStoreException e) {
                    return e.getMessage();
                }
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }
}

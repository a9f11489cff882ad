package io.userstore.projections;

import io.userstore.domain.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An append that takes its global index, then commits after a later one (a gap the replay sees
 * open), reaches the projection all the same.
 */
class LateCommitTest {

    @Test
    void an_event_committing_after_a_later_one_is_not_skipped() throws Exception {
        try (ProjectionFixture f = new ProjectionFixture()) {
            for (int i = 0; i < 50; i++) {
                f.add("early" + i, Map.of());
            }
            CountDownLatch appended = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            f.store.transactions().addCommitHook(users -> {
                if (Thread.currentThread().getName().equals("late-writer")) {
                    appended.countDown();
                    await(release);
                }
            });
            Thread late = new Thread(() -> f.add("late", Map.of("phone", "123")), "late-writer");
            late.start();
            assertTrue(appended.await(10, TimeUnit.SECONDS), "the late append holds its index uncommitted");
            f.add("after", Map.of());

            f.projections.create("custom_user", "builtin:custom_user", new Progress() {
                @Override
                public void advance(long events) {
                    release.countDown(); // the replay has passed; now the late append commits
                }
            });
            late.join();
            assertEquals(List.of(List.of("123")), f.rows("SELECT phone FROM users_customuser__custom_user_v1"
                    + " WHERE username = 'late'"));
            assertEquals(52, f.count("users_customuser__custom_user_v1"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

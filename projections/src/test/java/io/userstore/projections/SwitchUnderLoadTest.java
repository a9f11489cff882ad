package io.userstore.projections;

import io.userstore.domain.Progress;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers of the stable name and writers of events keep going while projections are rebuilt,
 * switched and rolled back: no read fails or sees an empty table, no event goes missing.
 */
class SwitchUnderLoadTest {

    @Test
    void readers_never_fail_and_writers_never_lose_an_event() throws Exception {
        try (ProjectionFixture f = new ProjectionFixture()) {
            for (int i = 0; i < 300; i++) {
                f.add("seed" + i, Map.of("phone", "p" + i));
            }
            f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
            f.projections.switchTo("django_auth_user");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            AtomicInteger failedReads = new AtomicInteger();
            AtomicInteger emptyReads = new AtomicInteger();
            AtomicInteger written = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(2);
            Thread reader = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(f.url);
                     Statement statement = connection.createStatement()) {
                    started.countDown();
                    while (running.get()) {
                        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM auth_user")) {
                            rs.next();
                            if (rs.getLong(1) < 300) {
                                emptyReads.incrementAndGet();
                            }
                            reads.incrementAndGet();
                        } catch (Exception e) {
                            failedReads.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failedReads.incrementAndGet();
                }
            });
            Thread writer = new Thread(() -> {
                started.countDown();
                while (running.get()) {
                    f.add("live" + written.get(), Map.of());
                    written.incrementAndGet();
                }
            });
            reader.start();
            writer.start();
            started.await();
            f.projections.rebuild("django_auth_user", Progress.NONE);
            f.projections.switchTo("django_auth_user");
            f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
            f.projections.rollback("auth_user");
            f.projections.switchTo("django_auth_user");
            running.set(false);
            reader.join();
            writer.join();

            assertTrue(reads.get() > 50, "the reader kept reading: " + reads.get());
            assertEquals(0, failedReads.get(), "failed reads");
            assertEquals(0, emptyReads.get(), "reads that saw a partial table");
            assertEquals(300 + written.get(), f.count("auth_user"), "every user written is in the table");
            f.projections.versions("custom_user");
            assertEquals(300 + written.get(), f.count("users_customuser__custom_user_v1"),
                    "and in the other ready projection, once it has followed the log");
            assertTrue(written.get() > 10, "the writer kept writing: " + written.get());
        }
    }
}

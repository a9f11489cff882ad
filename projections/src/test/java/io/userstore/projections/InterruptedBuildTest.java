package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStoreException;
import io.userstore.projections.api.ProjectionVersion;
import io.userstore.projections.api.VersionState;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C stops a build cleanly; the same process goes on with it later and ends as a clean build. */
class InterruptedBuildTest {

    @Test
    void an_interrupted_build_resumes_in_the_same_process() throws Exception {
        try (ProjectionFixture f = new ProjectionFixture()) {
            for (int i = 0; i < 3000; i++) {
                f.add("u" + i, Map.of("phone", "" + i));
            }
            f.projections.create("custom_user", "builtin:custom_user", Progress.NONE);
            AtomicReference<Throwable> stopped = new AtomicReference<>();
            Thread build = new Thread(() -> {
                try {
                    f.projections.rebuild("custom_user", new Progress() {
                        @Override
                        public void advance(long done) {
                            Thread.currentThread().interrupt(); // as Ctrl-C does, once the replay has written rows
                        }
                    });
                } catch (Throwable e) {
                    stopped.set(e);
                }
            });
            build.start();
            build.join();
            assertTrue(stopped.get() instanceof UserStoreException, String.valueOf(stopped.get()));
            assertTrue(stopped.get().getMessage().startsWith("the build of custom_user v2 was stopped"),
                    stopped.get().getMessage());
            assertEquals(VersionState.BUILDING, f.projections.versions("custom_user").get(1).state());

            ProjectionVersion resumed = f.projections.rebuild("custom_user", Progress.NONE);
            assertEquals(2, resumed.version(), "the interrupted version goes on, no new one");
            assertEquals(VersionState.READY, resumed.state());
            assertEquals(3000, resumed.rows());
            f.projections.switchTo("custom_user");
            assertTrue(new ProjectionChecks(f.projections).verify("custom_user", Progress.NONE).equal());
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.domain.Progress;
import io.userstore.domain.log.EventLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A version built inside the caller's transaction, from the log as that transaction sees it
 * (events it appended itself included): for {@code django adopt}, which imports, builds and puts
 * the version in place in one transaction. Streams users into COPY as a build does, in runs
 * of users, without the batches a long build commits along the way.
 */
public final class InPlaceBuild {

    /** Users whose rows are held at a time; memory stays flat however many users there are. */
    private static final int USERS_PER_RUN = 20_000;

    private final EventLog log;
    private final int usersPerRun;
    private final FoldedUsers folds = new FoldedUsers();

    public InPlaceBuild(EventLog log) {
        this(log, USERS_PER_RUN);
    }

    InPlaceBuild(EventLog log, int usersPerRun) {
        this.log = log;
        this.usersPerRun = usersPerRun;
    }

    /** What a build made: rows of the main table, from how many events. */
    public record Built(long rows, long events) {
    }

    /** Fills the version's fresh tables and adds their constraints. */
    public Built build(Connection connection, VersionTables tables, Progress progress) throws SQLException {
        tables.create(connection);
        DjangoIds ids = tables.djangoIds(connection);
        long head = log.head(connection);
        progress.start(tables.spec().name() + " v" + tables.version(), head);
        List<String> cuts = new ArrayList<>(log.everyNthUser(connection, head, usersPerRun));
        cuts.add(null);
        long rows = 0;
        long[] events = {0};
        String after = null;
        for (String through : cuts) {
            // a run's rows wait in memory: the connection is busy streaming the log until the run ends
            VersionTables.Sink sink = tables.sink(ids);
            log.streamUsers(connection, head, after, through, user -> {
                sink.add(folds.fold(user));
                events[0] += user.events().size();
                progress.advance(user.events().size());
            });
            rows += sink.rows();
            VersionTables.Sink.flush(connection, List.of(sink));
            after = through;
        }
        tables.addConstraints(connection);
        progress.finish();
        return new Built(rows, events[0]);
    }
}

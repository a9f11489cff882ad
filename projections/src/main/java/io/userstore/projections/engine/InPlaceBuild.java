package io.userstore.projections.engine;

import io.userstore.domain.Progress;
import io.userstore.domain.log.EventLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A version built inside the caller's transaction, from the log as that transaction sees it
 * (events it appended itself included): for {@code django adopt}, which imports, builds and puts
 * the version in place in one transaction. Streams users into COPY as a build does, without the
 * batches a long build commits along the way.
 */
public final class InPlaceBuild {

    private final EventLog log;
    private final FoldedUsers folds = new FoldedUsers();

    public InPlaceBuild(EventLog log) {
        this.log = log;
    }

    /** Fills the version's fresh tables and adds their constraints; returns the rows. */
    public long build(Connection connection, VersionTables tables, Progress progress) throws SQLException {
        tables.create(connection);
        DjangoIds ids = tables.djangoIds(connection);
        long head = log.head(connection);
        progress.start(tables.spec().name() + " v" + tables.version(), head);
        VersionTables.Sink sink = tables.sink(ids);
        // the rows wait in memory: the connection is busy streaming the log until the end
        log.streamUsers(connection, head, null, user -> {
            sink.add(folds.fold(user));
            progress.advance(user.events().size());
        });
        long rows = sink.rows();
        VersionTables.Sink.flush(connection, List.of(sink));
        tables.addConstraints(connection);
        progress.finish();
        return rows;
    }
}

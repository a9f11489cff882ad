package io.userstore.projections.engine;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.tx.CommitHook;
import io.userstore.projections.api.ProjectionBuildException;
import io.userstore.domain.tx.Jdbc;
import io.userstore.domain.tx.Transactions;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.SpecParser;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every ready projection version current inside the transaction that appends the events:
 * the touched users are folded again and their rows replaced before the commit, so a reader of
 * a stable name sees its own writes, and a value a ready projection cannot hold refuses the
 * write instead of breaking the table.
 */
public final class LiveProjections implements CommitHook {

    private final Transactions transactions;
    private final Jdbc jdbc;
    private final RowRefresher refresher;
    private final Map<String, ProjectionSpec> parsed = new ConcurrentHashMap<>();

    public LiveProjections(Transactions transactions, RowRefresher refresher) {
        this.transactions = transactions;
        this.jdbc = new Jdbc(transactions);
        this.refresher = refresher;
    }

    @Override
    public void beforeCommit(Set<Long> touchedUserIds) {
        List<VersionTables> ready = readyVersions();
        if (ready.isEmpty()) {
            return;
        }
        try {
            refresher.refresh(transactions.getConnection(), ready, touchedUserIds);
        } catch (ProjectionBuildException e) {
            throw new UserStoreException("a projection in service cannot take this change: " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the projections: " + e.getMessage(), e);
        }
    }

    private List<VersionTables> readyVersions() {
        return jdbc.query("SELECT v.version, p.spec, p.spec_source FROM projection_version v JOIN projection p"
                + " USING (name) WHERE v.state = 'ready' ORDER BY v.name, v.version", rs -> {
            List<VersionTables> versions = new ArrayList<>();
            while (rs.next()) {
                String text = rs.getString(2);
                String source = rs.getString(3);
                ProjectionSpec spec = parsed.computeIfAbsent(text, t -> SpecParser.parse(t, source));
                versions.add(new VersionTables(spec, rs.getInt(1)));
            }
            return versions;
        });
    }
}

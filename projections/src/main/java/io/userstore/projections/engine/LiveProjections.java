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
 * Keeps the versions in service current inside the transaction that appends the events: the
 * touched users are folded again and their rows brought up to date before the commit, so a
 * reader of a stable name sees its own writes, and a value the table in service cannot hold
 * refuses the write instead of breaking the table. Versions not in service follow the log on
 * their own ({@link VersionFollower}) and never hold a write back.
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

    /** The tables this transaction will write at its commit, locked before any event is appended. */
    @Override
    public void beforeAppending() {
        List<VersionTables> serving = servingVersions();
        if (serving.isEmpty()) {
            return;
        }
        List<String> tables = new ArrayList<>();
        serving.forEach(version -> version.names().forEach(name -> tables.add(SqlNames.table(name))));
        jdbc.update("LOCK TABLE " + String.join(", ", tables) + " IN ROW EXCLUSIVE MODE");
    }

    @Override
    public void beforeCommit(Set<Long> touchedUserIds) {
        List<VersionTables> serving = servingVersions();
        if (serving.isEmpty()) {
            return;
        }
        try {
            refresher.refresh(transactions.getConnection(), serving, touchedUserIds);
            refresher.refreshQueued(transactions.getConnection(), serving);
        } catch (ProjectionBuildException e) {
            throw new UserStoreException("a projection in service cannot take this change: " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the projections: " + e.getMessage(), e);
        }
    }

    private List<VersionTables> servingVersions() {
        return jdbc.query("SELECT b.version, p.spec, p.spec_source, p.name FROM userstore.projection_binding b"
                + " JOIN userstore.projection p USING (name) ORDER BY b.stable_table", rs -> {
            List<VersionTables> versions = new ArrayList<>();
            while (rs.next()) {
                String text = rs.getString(2);
                String source = rs.getString(3);
                String name = rs.getString(4);
                ProjectionSpec spec = parsed.computeIfAbsent(name + "\n" + text, t -> SpecParser.parse(text, source, name));
                versions.add(new VersionTables(spec, rs.getInt(1), true));
            }
            return versions;
        });
    }
}

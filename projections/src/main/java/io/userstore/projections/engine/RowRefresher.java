package io.userstore.projections.engine;

import io.userstore.domain.log.EventLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * "Refresh these users' rows": folds the users again from all their events (as the connection
 * sees them) and replaces their rows in each version given. Live updates, catch-up and the end
 * of a build all go through here, so a row is made the same way whatever brought it.
 */
public final class RowRefresher {

    private final EventLog log;
    private final FoldedUsers folds = new FoldedUsers();

    public RowRefresher(EventLog log) {
        this.log = log;
    }

    /**
     * Makes the rows an application's write through one table in service could not make in
     * another (see {@code OtherTables}): they wait in a queue until userstore writes or looks.
     */
    public void refreshQueued(Connection connection, Collection<VersionTables> serving) throws SQLException {
        for (VersionTables tables : serving) {
            Set<Long> users = new java.util.LinkedHashSet<>();
            try (java.sql.PreparedStatement take = connection.prepareStatement("DELETE FROM userstore.stale_rows"
                    + " WHERE stable_table = ? RETURNING user_id")) {
                take.setString(1, tables.spec().table());
                try (java.sql.ResultSet rs = take.executeQuery()) {
                    while (rs.next()) {
                        users.add(rs.getLong(1));
                    }
                }
            }
            if (!users.isEmpty()) {
                refresh(connection, List.of(tables), users);
            }
        }
    }

    void refresh(Connection connection, Collection<VersionTables> versions, Set<Long> userIds) throws SQLException {
        List<FoldedUser> folded = new ArrayList<>();
        log.readUsers(connection, userIds, user -> folded.add(folds.fold(user)));
        try (Statement statement = connection.createStatement()) {
            // userstore's own maintenance: the triggers that turn writes into events let it through
            statement.execute("SELECT set_config('userstore.maintenance', 'on', true)");
            for (VersionTables version : versions) {
                version.replace(connection, userIds, folded);
            }
            statement.execute("SELECT set_config('userstore.maintenance', 'off', true)");
        }
    }
}

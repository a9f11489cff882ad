package io.userstore.projections.engine;

import io.userstore.domain.UserStore;
import io.userstore.projections.spec.ProjectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The first rows a spec would give, folded from the events; nothing is written. */
public final class Preview {

    private Preview() {
    }

    public static List<String[]> rows(UserStore store, ProjectionSpec spec, int limit) {
        RowMapper mapper = new RowMapper(spec);
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            FoldedUsers folds = new FoldedUsers();
            try {
                store.eventLog().streamUsers(connection, Long.MAX_VALUE, null, user -> {
                    String[] row = mapper.mainRow(folds.fold(user));
                    if (row != null) {
                        rows.add(row);
                    }
                    if (rows.size() >= limit) {
                        throw new Enough();
                    }
                });
            } catch (Enough enough) {
                // the preview has its rows
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("preview failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static final class Enough extends RuntimeException {
        Enough() {
            super("enough", null, false, false);
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.domain.log.EventLog;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.RowValueException;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Words what stopped a version for the person looking at it now. The registry keeps only the
 * user's id and the column; the name and the value are read from the events at this moment, so a
 * forgotten user's value is gone from the message too.
 */
public final class Problems {

    private final EventLog log;
    private final Jdbc jdbc;
    private final FoldedUsers folds = new FoldedUsers();

    public Problems(EventLog log, Jdbc jdbc) {
        this.log = log;
        this.jdbc = jdbc;
    }

    public String describe(ProjectionSpec spec, Registry.Problem problem) {
        if (problem == null) {
            return null;
        }
        if (problem.userId() == null) {
            return problem.text();
        }
        List<FoldedUser> user = new ArrayList<>();
        DjangoIds[] ids = {DjangoIds.NONE};
        jdbc.inTransaction(connection -> {
            log.readUsers(connection, Set.of(problem.userId()), logged -> user.add(folds.fold(logged)));
            ids[0] = DjangoIds.read(connection, spec);
        });
        if (!user.isEmpty()) {
            RowMapper rows = new RowMapper(spec);
            try {
                if (rows.mainRow(user.get(0)) != null) {
                    for (Child child : spec.children()) {
                        rows.childRows(user.get(0), child, ids[0]);
                    }
                }
            } catch (RowValueException stillThere) {
                return stillThere.getMessage();
            }
        }
        return "user #" + problem.userId() + ": " + problem.text() + " (its value has changed since)";
    }
}

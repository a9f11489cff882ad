package io.userstore.projections;

import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.engine.Preview;
import io.userstore.domain.Progress;
import io.userstore.projections.api.Difference;
import io.userstore.projections.api.Verification;
import io.userstore.projections.engine.Registry;
import io.userstore.projections.engine.VersionTables;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Looking before switching: preview a spec, diff two projections, verify one against a fresh replay. */
public final class ProjectionChecks {

    private final Projections projections;
    private final Jdbc jdbc;

    public ProjectionChecks(Projections projections) {
        this.projections = projections;
        this.jdbc = new Jdbc(projections.store().transactions());
    }

    public List<String[]> preview(ProjectionSpec spec, int limit) {
        return Preview.rows(projections.store(), spec, limit);
    }

    /** Rows and columns that differ between the newest ready versions of two projections. */
    public List<Difference> diff(String left, String right, int limit) {
        VersionTables a = tables(left);
        VersionTables b = tables(right);
        String key = a.spec().primaryKey().name();
        String otherKey = b.spec().primaryKey().name();
        List<String> common = a.spec().columns().stream().map(Column::name)
                .filter(name -> b.spec().columns().stream().anyMatch(c -> c.name().equals(name)) && !name.equals(key))
                .toList();
        StringBuilder sql = new StringBuilder("SELECT coalesce(l.\"" + key + "\", r.\"" + otherKey + "\")::text AS k,"
                + " CASE WHEN l.\"" + key + "\" IS NULL THEN '(row)' WHEN r.\"" + otherKey + "\" IS NULL THEN '(row)'"
                + " ELSE c.name END, CASE WHEN l.\"" + key + "\" IS NULL THEN NULL ELSE c.lv END,"
                + " CASE WHEN r.\"" + otherKey + "\" IS NULL THEN NULL ELSE c.rv END FROM " + a.main() + " l FULL JOIN "
                + b.main() + " r ON l.\"" + key + "\"::text = r.\"" + otherKey + "\"::text CROSS JOIN LATERAL (VALUES ");
        if (common.isEmpty()) {
            sql.append("('(row)', NULL::text, NULL::text)");
        }
        for (int i = 0; i < common.size(); i++) {
            String column = common.get(i);
            sql.append(i == 0 ? "" : ", ").append("('").append(column).append("', l.\"").append(column)
                    .append("\"::text, r.\"").append(column).append("\"::text)");
        }
        sql.append(") AS c(name, lv, rv) WHERE l.\"").append(key).append("\" IS NULL OR r.\"").append(otherKey)
                .append("\" IS NULL OR c.lv IS DISTINCT FROM c.rv");
        String query = "SELECT DISTINCT * FROM (" + sql + ") d ORDER BY 1, 2 LIMIT " + limit;
        return jdbc.query(query, rs -> {
            List<Difference> differences = new ArrayList<>();
            while (rs.next()) {
                String column = rs.getString(2);
                differences.add(new Difference(rs.getString(1), column,
                        column.equals("(row)") ? (rs.getString(3) == null ? "absent" : "present") : rs.getString(3),
                        column.equals("(row)") ? (rs.getString(4) == null ? "absent" : "present") : rs.getString(4)));
            }
            return differences;
        });
    }

    /** Replays NAME into scratch tables and compares them, table by table, with its newest ready version. */
    public Verification verify(String name, Progress progress) {
        ProjectionSpec spec = projections.spec(name);
        VersionTables current = tables(name);
        int live = current.version();
        projections.store().transactions().executeInTransaction(() -> {
            projections.registry().deleteVersion(name, Projections.SCRATCH_VERSION);
            projections.registry().startVersion(name, Projections.SCRATCH_VERSION);
        });
        VersionTables scratch = new VersionTables(spec, Projections.SCRATCH_VERSION, false);
        try {
            long rows = projections.builds().build(spec, Projections.SCRATCH_VERSION, progress);
            Map<String, Long> differing = new LinkedHashMap<>();
            jdbc.inTransaction(connection -> {
                projections.store().eventLog().holdAppends(connection);
                projections.builds().follower().drain(connection, scratch);
                if (!current.serving()) {
                    projections.builds().follower().drain(connection, current);
                }
                differing.put(spec.table(), differingRows(current.main(), scratch.main()));
                for (Child child : spec.children()) {
                    differing.put(child.table(), differingRows(current.child(child), scratch.child(child)));
                }
            });
            return new Verification(name, live, rows, differing);
        } finally {
            jdbc.inTransaction(connection -> {
                projections.registry().deleteVersion(name, Projections.SCRATCH_VERSION);
                scratch.drop(connection);
            });
        }
    }

    private long differingRows(String live, String scratch) {
        return jdbc.query("SELECT (SELECT count(*) FROM (SELECT * FROM " + live + " EXCEPT ALL SELECT * FROM "
                + scratch + ") a) + (SELECT count(*) FROM (SELECT * FROM " + scratch + " EXCEPT ALL SELECT * FROM "
                + live + ") b)", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** The newest ready version of NAME, brought up to the head when it is not in service. */
    private VersionTables tables(String name) {
        projections.versions(name);
        ProjectionSpec spec = projections.spec(name);
        return projections.tables(spec, projections.newestReady(name).version());
    }
}

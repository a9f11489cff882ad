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

    private static final int SCRATCH_VERSION = 0;
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
                + " CASE WHEN r.\"" + otherKey + "\" IS NULL THEN NULL ELSE c.rv END FROM \"" + a.mainTable() + "\" l FULL JOIN \""
                + b.mainTable() + "\" r ON l.\"" + key + "\"::text = r.\"" + otherKey + "\"::text CROSS JOIN LATERAL (VALUES ");
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
        Registry.Version live = projections.newestReady(name);
        projections.store().transactions().executeInTransaction(() -> {
            projections.registry().deleteVersion(name, SCRATCH_VERSION);
            projections.registry().startVersion(name, SCRATCH_VERSION);
        });
        VersionTables scratch = new VersionTables(spec, SCRATCH_VERSION);
        VersionTables current = new VersionTables(spec, live.version());
        try {
            long rows = projections.builds().build(spec, SCRATCH_VERSION, progress);
            Map<String, Long> differing = projections.store().transactions().fetchInTransaction(() -> {
                jdbc.inTransaction(connection -> projections.store().eventLog().holdAppends(connection));
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put(spec.table(), differingRows(current.mainTable(), scratch.mainTable()));
                for (Child child : spec.children()) {
                    counts.put(child.table(), differingRows(current.childTable(child), scratch.childTable(child)));
                }
                return counts;
            });
            return new Verification(name, live.version(), rows, differing);
        } finally {
            projections.store().transactions().executeInTransaction(() -> {
                projections.registry().deleteVersion(name, SCRATCH_VERSION);
                projections.refreshGuards();
                jdbc.inTransaction(scratch::drop);
            });
        }
    }

    private long differingRows(String live, String scratch) {
        return jdbc.query("SELECT (SELECT count(*) FROM (SELECT * FROM \"" + live + "\" EXCEPT ALL SELECT * FROM \""
                + scratch + "\") a) + (SELECT count(*) FROM (SELECT * FROM \"" + scratch + "\" EXCEPT ALL SELECT * FROM \""
                + live + "\") b)", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    private VersionTables tables(String name) {
        return new VersionTables(projections.spec(name), projections.newestReady(name).version());
    }
}

package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a write through one table in service does to the other tables in service, as SQL for its
 * trigger: every table a stable name serves shows the change in the same transaction, as the
 * shell's writes show in all of them. The trigger knows the sources its own write gives; a row
 * that must appear in another table but needs sources this write does not know is queued, and
 * userstore fills it in the next time it writes or is asked for the projections' status.
 */
final class OtherTables {

    private static final String SCHEMA = TriggerSql.SCHEMA;

    private final List<ProjectionSpec> others;

    OtherTables(List<ProjectionSpec> others) {
        this.others = others;
    }

    /** Sources the statements read, to declare in the trigger. */
    Set<String> sources() {
        Set<String> sources = new LinkedHashSet<>();
        for (ProjectionSpec other : others) {
            other.columns().forEach(column -> sources.add(column.source()));
            sources.addAll(other.where().keySet());
        }
        return sources;
    }

    /** A user registered: its row in each other table whose {@code where} holds it. */
    String inserted(String indent) {
        StringBuilder sql = new StringBuilder();
        for (ProjectionSpec other : others) {
            sql.append(indent).append("IF ").append(TriggerSql.where(other, null)).append(" THEN\n")
                    .append(indent).append("    INSERT INTO ").append(SqlNames.table(other.table())).append(" (")
                    .append(names(other.columns())).append(") VALUES (").append(other.columns().stream()
                            .map(column -> ColumnSql.columnFrom(column, ColumnSql.variable(column.source())))
                            .collect(Collectors.joining(", "))).append(");\n")
                    .append(indent).append("END IF;\n");
        }
        return TriggerSql.asUpkeep(sql, indent);
    }

    /**
     * Sources changed: their columns in each other table, and the user's place there when that
     * table's {@code where} tests one of them.
     *
     * @param changed each source this write can change, with the SQL that tells whether it did
     */
    String updated(Map<String, String> changed, String indent) {
        StringBuilder sql = new StringBuilder();
        for (ProjectionSpec other : others) {
            List<String> sets = new ArrayList<>();
            for (Column column : other.columns()) {
                String flag = changed.get(column.source());
                if (flag != null && !column.primaryKey()) {
                    sets.add(SqlNames.quote(column.name()) + " = CASE WHEN " + flag + " THEN "
                            + ColumnSql.columnFrom(column, ColumnSql.variable(column.source())) + " ELSE "
                            + SqlNames.quote(column.name()) + " END");
                }
            }
            String key = SqlNames.quote(other.primaryKey().name());
            if (!sets.isEmpty()) {
                sql.append(indent).append("UPDATE ").append(SqlNames.table(other.table())).append(" SET ")
                        .append(String.join(", ", sets)).append(" WHERE ").append(key).append(" = s_id;\n");
            }
            List<String> filterFlags = other.where().keySet().stream().map(changed::get)
                    .filter(java.util.Objects::nonNull).toList();
            if (!filterFlags.isEmpty()) {
                sql.append(indent).append("IF ").append(String.join(" OR ", filterFlags)).append(" THEN\n")
                        .append(indent).append("    IF ").append(TriggerSql.where(other, changed.keySet())).append(" THEN\n")
                        .append(indent).append("        IF NOT EXISTS (SELECT 1 FROM ").append(SqlNames.table(other.table()))
                        .append(" WHERE ").append(key).append(" = s_id) THEN\n")
                        .append(indent).append("            INSERT INTO ").append(SCHEMA).append(".stale_rows VALUES (")
                        .append(SqlNames.literal(other.table())).append(", s_id) ON CONFLICT DO NOTHING;\n")
                        .append(indent).append("        END IF;\n")
                        .append(indent).append("    ELSE\n");
                deleteUser(sql, other, "s_id", indent + "        ");
                sql.append(indent).append("    END IF;\n")
                        .append(indent).append("END IF;\n");
            }
        }
        return TriggerSql.asUpkeep(sql, indent);
    }

    /** A user deleted: it leaves every other table. */
    String deleted(String user, String indent) {
        StringBuilder sql = new StringBuilder();
        for (ProjectionSpec other : others) {
            deleteUser(sql, other, user, indent);
        }
        return TriggerSql.asUpkeep(sql, indent);
    }

    /** A membership or permission gained ({@code from}: groups or permissions) or lost. */
    String itemChanged(String from, boolean gained, String item, String indent) {
        StringBuilder sql = new StringBuilder();
        for (ProjectionSpec other : others) {
            for (Child child : other.children()) {
                if (!child.from().equals(from)) {
                    continue;
                }
                List<String> values = child.columns().stream()
                        .map(column -> ColumnSql.childColumnFrom(child, column, "s_id", item)).toList();
                if (gained) {
                    // a group or permission Django does not know has no row in a Django-shaped table
                    sql.append(indent).append("INSERT INTO ").append(SqlNames.table(child.table())).append(" (")
                            .append(names(child.columns())).append(") SELECT ").append(String.join(", ", values))
                            .append(" WHERE EXISTS (SELECT 1 FROM ").append(SqlNames.table(other.table())).append(" WHERE ")
                            .append(SqlNames.quote(other.primaryKey().name())).append(" = s_id)")
                            .append(DjangoIds.needed(other) ? " AND " + ColumnSql.djangoId(child.from(), item) + " IS NOT NULL" : "")
                            .append(" ON CONFLICT DO NOTHING;\n");
                } else {
                    sql.append(indent).append("DELETE FROM ").append(SqlNames.table(child.table())).append(" WHERE (")
                            .append(names(child.columns())).append(") IS NOT DISTINCT FROM (")
                            .append(String.join(", ", values)).append(");\n");
                }
            }
        }
        return TriggerSql.asUpkeep(sql, indent);
    }

    private static void deleteUser(StringBuilder sql, ProjectionSpec other, String user, String indent) {
        sql.append(TriggerSql.deleteChildRows(other, user, indent)).append(indent).append("DELETE FROM ").append(SqlNames.table(other.table())).append(" WHERE ")
                .append(SqlNames.quote(other.primaryKey().name())).append(" = ").append(user).append(";\n");
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(c -> SqlNames.quote(c.name())).collect(Collectors.joining(", "));
    }
}

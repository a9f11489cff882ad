package io.userstore.projections.engine;

import io.userstore.domain.UserStore;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Pieces of SQL the generated trigger functions share. */
final class TriggerSql {

    static final String SCHEMA = UserStore.SCHEMA;

    /** First in every trigger: userstore's own upkeep of a table (live updates, builds) passes untouched. */
    static final String PASS_UPKEEP = "    IF " + SCHEMA + ".maintaining() THEN\n"
            + "        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;\n"
            + "    END IF;\n";

    private TriggerSql() {
    }

    static String function(String name, StringBuilder body) {
        return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $function$\n" + body
                + "\n$function$";
    }

    /** Statements run as userstore's own upkeep, so the triggers of the tables they write pass them; "" for none. */
    static String asUpkeep(CharSequence statements, String indent) {
        if (statements.isEmpty()) {
            return "";
        }
        return indent + "PERFORM set_config('userstore.maintenance', 'on', true);\n" + statements
                + indent + "PERFORM set_config('userstore.maintenance', 'off', true);\n";
    }

    /** Deletes a user's rows from a projection's child tables. */
    static String deleteChildRows(ProjectionSpec spec, String user, String indent) {
        StringBuilder sql = new StringBuilder();
        for (Child child : spec.children()) {
            sql.append(indent).append("DELETE FROM ").append(SqlNames.table(child.table())).append(" WHERE ")
                    .append(SqlNames.quote(VersionTables.userColumn(child).name())).append(" = ").append(user).append(";\n");
        }
        return sql.toString();
    }

    /** A spec's {@code where} on the sources known ({@code null}: all of them); a source not known still holds. */
    static String where(ProjectionSpec spec, Set<String> known) {
        List<String> tests = new ArrayList<>();
        spec.where().forEach((source, wanted) -> {
            if (known == null || known.contains(source)) {
                tests.add(ColumnSql.whereTest(source, wanted));
            }
        });
        return tests.isEmpty() ? "true" : String.join(" AND ", tests);
    }

    /** Refuses a write to a computed column (a transform, or a source of another type): it maps to no event. */
    static void refuseComputed(StringBuilder body, String table, Column column, String condition,
                               String indent) {
        body.append(indent).append("IF ").append(condition).append(" THEN\n")
                .append(indent).append("    PERFORM ").append(SCHEMA).append(".refuse(TG_OP || ' on ").append(table)
                .append(": column ").append(column.name()).append(" is computed from ").append(column.source())
                .append(column.transform() == null ? "" : " (" + column.transform() + ")")
                .append(" and maps to no event; write ").append(column.source().replace("attr.", "the attribute "))
                .append(" instead, or leave the column out');\n")
                .append(indent).append("END IF;\n");
    }
}

package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.projections.spec.Sources;

/**
 * The trigger function of a projection's child table, where a row is a membership or a
 * permission held: an {@code INSERT} joins or grants, a {@code DELETE} leaves or revokes, an
 * {@code UPDATE} is refused (it would be two events in one).
 */
final class MembershipRowTrigger {

    private static final String SCHEMA = TriggerSql.SCHEMA;

    private MembershipRowTrigger() {
    }

    /** A child table: a row is a membership (or a permission held). */
    static String childFunction(ProjectionSpec spec, Child child, OtherTables others) {
        boolean groups = child.from().equals("groups");
        String item = groups ? "group" : "permission";
        String itemVar = "s_" + item;
        Column user = VersionTables.userColumn(child);
        Column byName = child.columns().stream().filter(c -> c.source().equals(item) && c.transform() == null
                && !c.type().sql().matches("integer|bigint")).findFirst().orElse(null);
        Column byId = child.columns().stream().filter(c -> c.source().equals(item + "_id")).findFirst().orElse(null);
        Column itemColumn = byName != null ? byName : byId;
        String join = groups ? "join_group" : "grant_permission";
        String leave = groups ? "leave_group" : "revoke_permission";
        StringBuilder body = new StringBuilder("DECLARE\n    s_id bigint;\n    ").append(itemVar).append(" text;\nBEGIN\n")
                .append(TriggerSql.PASS_UPKEEP)
                .append("    IF TG_OP = 'UPDATE' THEN\n")
                .append("        PERFORM ").append(SCHEMA).append(".refuse('UPDATE on ").append(child.table())
                .append(": a row here is one ").append(item).append(" of a user; INSERT and DELETE rows instead"
                        + " (each becomes an event)');\n")
                .append("    END IF;\n");
        if (itemColumn == null) {
            body.append("    PERFORM ").append(SCHEMA).append(".refuse(TG_OP || ' on ").append(child.table())
                    .append(": no column of this table holds the ").append(item).append(" as it is written');\n");
            return TriggerSql.function(TableTriggers.writeFunction(child.table()), body.append("    RETURN NULL;\nEND"));
        }
        body.append("    IF TG_OP = 'DELETE' THEN\n")
                .append("        s_id := OLD.").append(SqlNames.quote(user.name())).append("::bigint;\n")
                .append("        ").append(itemVar).append(" := ").append(itemOf(child, itemColumn, "OLD")).append(";\n")
                .append("        PERFORM ").append(SCHEMA).append('.').append(leave).append("(s_id, ").append(itemVar)
                .append(");\n")
                .append(others.itemChanged(child.from(), false, itemVar, "        "))
                .append("        RETURN OLD;\n")
                .append("    END IF;\n")
                .append("    s_id := NEW.").append(SqlNames.quote(user.name())).append("::bigint;\n")
                .append("    ").append(itemVar).append(" := ").append(itemOf(child, itemColumn, "NEW")).append(";\n");
        if (itemColumn == byId) {
            body.append("    IF ").append(itemVar).append(" IS NULL THEN\n")
                    .append("        PERFORM ").append(SCHEMA).append(".refuse('INSERT on ").append(child.table())
                    .append(": ").append(item).append(" ' || coalesce(NEW.").append(SqlNames.quote(byId.name()))
                    .append("::text, 'NULL') || ' is not in ").append(DjangoIds.table(child.from())).append("', '23503');\n")
                    .append("    END IF;\n");
        }
        body.append("    IF NOT EXISTS (SELECT 1 FROM ").append(SqlNames.table(spec.table())).append(" WHERE ")
                .append(SqlNames.quote(spec.primaryKey().name())).append(" = s_id) THEN\n")
                .append("        PERFORM ").append(SCHEMA).append(".refuse('INSERT on ").append(child.table())
                .append(": user #' || s_id || ' has no row in ").append(spec.table()).append("', '23503');\n")
                .append("    END IF;\n")
                .append("    IF ").append(SCHEMA).append(".holds(s_id, '").append(item).append("', ").append(itemVar)
                .append(") THEN\n")
                .append("        RETURN NULL; -- held already: nothing happened\n")
                .append("    END IF;\n")
                .append("    PERFORM ").append(SCHEMA).append('.').append(join).append("(s_id, ").append(itemVar).append(");\n")
                .append(others.itemChanged(child.from(), true, itemVar, "    "));
        for (Column column : child.columns()) {
            String made = ColumnSql.childColumnFrom(child, column, "s_id", itemVar);
            if (column != itemColumn && column != user) {
                TriggerSql.refuseComputed(body, child.table(), column, "NEW." + SqlNames.quote(column.name())
                        + " IS NOT NULL AND NEW." + SqlNames.quote(column.name()) + " IS DISTINCT FROM " + made, "    ");
            }
            body.append("    NEW.").append(SqlNames.quote(column.name())).append(" := ").append(made).append(";\n");
        }
        return TriggerSql.function(TableTriggers.writeFunction(child.table()), body.append("    RETURN NEW;\nEND"));
    }

    /** The item a child row names: its name column, or the name Django has for its id column. */
    private static String itemOf(Child child, Column itemColumn, String row) {
        String value = row + "." + SqlNames.quote(itemColumn.name());
        return Sources.isDjangoId(itemColumn.source()) ? ColumnSql.djangoName(child.from(), value) : value + "::text";
    }
}

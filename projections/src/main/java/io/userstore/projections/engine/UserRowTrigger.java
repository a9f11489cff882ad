package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.projections.spec.Sources;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trigger function of a projection's main table, where a row is a user: an {@code INSERT}
 * registers one, an {@code UPDATE} becomes one event per source whose column changed, a
 * {@code DELETE} deletes the user; then the row is left as a rebuild would make it. With a
 * {@code where}, an after-update function takes out a user the table no longer holds.
 */
final class UserRowTrigger {

    private static final String SCHEMA = TriggerSql.SCHEMA;

    private UserRowTrigger() {
    }

    /** The main table: a row is a user. */
    static String mainFunction(ProjectionSpec spec, OtherTables others) {
        Column key = spec.primaryKey();
        String pk = "NEW." + SqlNames.quote(key.name());
        Map<String, Column> writable = writableColumns(spec.columns());
        Set<String> sources = new LinkedHashSet<>();
        spec.columns().forEach(column -> sources.add(column.source()));
        sources.addAll(spec.where().keySet());
        sources.addAll(List.of("username", "email", "first_name", "last_name", "password", "is_active", "is_staff",
                "is_superuser", "date_joined", "last_login"));
        sources.addAll(others.sources());
        sources.remove("id");

        StringBuilder body = new StringBuilder();
        body.append("DECLARE\n    s_id bigint;\n");
        for (String source : sources) {
            body.append("    ").append(ColumnSql.variable(source)).append(' ').append(ColumnSql.sourceType(source))
                    .append(";\n");
        }
        body.append("BEGIN\n")
                .append(TriggerSql.PASS_UPKEEP)
                .append("    IF TG_OP = 'DELETE' THEN\n")
                .append("        PERFORM ").append(SCHEMA).append(".delete_user(OLD.").append(SqlNames.quote(key.name()))
                .append("::bigint);\n");
        body.append(TriggerSql.asUpkeep(TriggerSql.deleteChildRows(spec, "OLD." + SqlNames.quote(key.name()),
                "        "), "        "));
        body.append(others.deleted("OLD." + SqlNames.quote(key.name()), "        "))
                .append("        RETURN OLD;\n")
                .append("    END IF;\n")
                .append("    IF TG_OP = 'INSERT' THEN\n");
        insert(body, spec, writable, pk, others);
        body.append("    END IF;\n");
        update(body, spec, writable, pk, others);
        body.append("    RETURN NEW;\nEND");
        return TriggerSql.function(TableTriggers.writeFunction(spec.table()), body);
    }

    /** INSERT: the user is registered, then its other facts recorded; the row becomes what a rebuild makes. */
    private static void insert(StringBuilder body, ProjectionSpec spec, Map<String, Column> writable, String pk,
                               OtherTables others) {
        if (!writable.containsKey("username")) {
            body.append("        PERFORM ").append(SCHEMA).append(".refuse('INSERT on ").append(spec.table())
                    .append(": a user needs a username, and no column of this table takes one; register users with"
                            + " userstore (user add) or through a table with a username column');\n");
        }
        Map<String, String> defaults = Map.of("email", "''", "first_name", "''", "last_name", "''",
                "is_active", "true", "is_staff", "false", "is_superuser", "false", "date_joined", "now()");
        for (Map.Entry<String, Column> entry : writable.entrySet()) {
            if (entry.getKey().equals("id")) {
                continue;
            }
            String value = ColumnSql.sourceFrom(entry.getValue(), "NEW." + SqlNames.quote(entry.getValue().name()));
            String fallback = defaults.get(entry.getKey());
            body.append("        ").append(ColumnSql.variable(entry.getKey())).append(" := ")
                    .append(fallback == null ? value : "coalesce(" + value + ", " + fallback + ")").append(";\n");
        }
        defaults.forEach((source, fallback) -> {
            if (!writable.containsKey(source)) {
                body.append("        ").append(ColumnSql.variable(source)).append(" := ").append(fallback).append(";\n");
            }
        });
        body.append("        s_password := coalesce(s_password, ").append(SCHEMA).append(".unusable_password());\n")
                .append("        ").append(ColumnSql.variable("id")).append(" := ").append(SCHEMA).append(".register_user(")
                .append(pk).append("::bigint, s_username, s_email, s_first_name, s_last_name, s_password, s_is_active,"
                        + " s_is_staff, s_is_superuser, s_date_joined);\n")
                .append("        IF s_last_login IS NOT NULL THEN\n")
                .append("            PERFORM ").append(SCHEMA).append(".record_login(s_id, s_last_login);\n")
                .append("        END IF;\n");
        for (String source : writable.keySet()) {
            if (source.startsWith("attr.")) {
                body.append("        IF ").append(ColumnSql.variable(source)).append(" IS NOT NULL THEN\n")
                        .append("            PERFORM ").append(SCHEMA).append(".set_attribute(s_id, ")
                        .append(SqlNames.literal(source.substring("attr.".length()))).append(", ")
                        .append(ColumnSql.variable(source)).append(");\n")
                        .append("        END IF;\n");
            }
        }
        body.append(others.inserted("        "));
        for (Column column : spec.columns()) {
            if (!writable.containsValue(column) && !column.primaryKey()) {
                TriggerSql.refuseComputed(body, spec.table(), column, "NEW." + SqlNames.quote(column.name()) + " IS NOT NULL",
                        "        ");
            }
        }
        fillRow(body, spec, writable, true);
        if (!spec.where().isEmpty()) {
            body.append("        IF NOT (").append(TriggerSql.where(spec, spec.where().keySet())).append(") THEN\n")
                    .append("            RETURN NULL; -- recorded, but not a user this table holds\n")
                    .append("        END IF;\n");
        }
        body.append("        RETURN NEW;\n");
    }

    /** UPDATE: one event per source whose column changed. */
    private static void update(StringBuilder body, ProjectionSpec spec, Map<String, Column> writable, String pk,
                               OtherTables others) {
        String key = SqlNames.quote(spec.primaryKey().name());
        body.append("    IF ").append(pk).append(" IS DISTINCT FROM OLD.").append(key).append(" THEN\n")
                .append("        PERFORM ").append(SCHEMA).append(".refuse('UPDATE on ").append(spec.table())
                .append(": a user''s id never changes');\n")
                .append("    END IF;\n")
                .append("    s_id := OLD.").append(key).append("::bigint;\n");
        for (Map.Entry<String, Column> entry : writable.entrySet()) {
            if (Sources.kind(entry.getKey()) == Sources.SourceKind.TIMESTAMP) {
                // a form that shows times to the second (Django's admin) writes them back so: not a change
                String column = SqlNames.quote(entry.getValue().name());
                body.append("    IF date_trunc('second', NEW.").append(column).append(") IS NOT DISTINCT FROM"
                        + " date_trunc('second', OLD.").append(column).append(") THEN\n")
                        .append("        NEW.").append(column).append(" := OLD.").append(column).append(";\n")
                        .append("    END IF;\n");
            }
        }
        for (Map.Entry<String, Column> entry : writable.entrySet()) {
            String column = SqlNames.quote(entry.getValue().name());
            body.append("    ").append(ColumnSql.variable(entry.getKey())).append(" := ")
                    .append(ColumnSql.sourceFrom(entry.getValue(), "NEW." + column)).append(";\n");
        }
        String first = changed(writable.get("first_name"));
        String last = changed(writable.get("last_name"));
        for (Map.Entry<String, Column> entry : writable.entrySet()) {
            String source = entry.getKey();
            String changed = changed(entry.getValue());
            String variable = ColumnSql.variable(source);
            String call = switch (source) {
                case "id", "first_name", "last_name" -> null;
                case "username" -> "rename_user(s_id, " + variable + ")";
                case "email" -> "change_email(s_id, " + variable + ")";
                case "password" -> "change_password(s_id, " + variable + ")";
                case "is_active", "is_staff", "is_superuser" -> "set_flag(s_id, '" + source.substring(3) + "', "
                        + variable + ")";
                case "last_login" -> "record_login(s_id, " + variable + ")";
                case "date_joined" -> "refuse('UPDATE on " + spec.table() + ": date_joined is when the user was"
                        + " registered and never changes')";
                default -> "set_attribute(s_id, " + SqlNames.literal(source.substring("attr.".length())) + ", "
                        + variable + ")";
            };
            if (call != null) {
                body.append("    IF ").append(changed).append(" THEN\n")
                        .append("        PERFORM ").append(SCHEMA).append('.').append(call).append(";\n")
                        .append("    END IF;\n");
            }
        }
        if (first != null || last != null) {
            body.append("    IF ").append(first == null ? "false" : first).append(" OR ").append(last == null ? "false" : last)
                    .append(" THEN\n")
                    .append("        PERFORM ").append(SCHEMA).append(".change_name(s_id, ")
                    .append(first == null ? "NULL" : "CASE WHEN " + first + " THEN coalesce(s_first_name, '') END")
                    .append(", ")
                    .append(last == null ? "NULL" : "CASE WHEN " + last + " THEN coalesce(s_last_name, '') END")
                    .append(");\n")
                    .append("    END IF;\n");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        writable.forEach((source, column) -> {
            if (!source.equals("id")) {
                changes.put(source, "(" + changed(column) + ")");
            }
        });
        body.append(others.updated(changes, "    "));
        for (Column column : spec.columns()) {
            if (!writable.containsValue(column) && !column.primaryKey()) {
                String name = SqlNames.quote(column.name());
                String expected = writable.containsKey(column.source())
                        ? ColumnSql.columnFrom(column, ColumnSql.variable(column.source())) : "OLD." + name;
                TriggerSql.refuseComputed(body, spec.table(), column, "NEW." + name + " IS DISTINCT FROM OLD." + name
                        + " AND NEW." + name + " IS DISTINCT FROM " + expected, "    ");
                body.append("    NEW.").append(name).append(" := ").append(expected).append(";\n");
            }
        }
        fillRow(body, spec, writable, false);
    }

    /**
     * The row's columns as a rebuild makes them from the sources. On an INSERT a source no column
     * writes has what a registration gives it; on an UPDATE it cannot have changed.
     */
    private static void fillRow(StringBuilder body, ProjectionSpec spec, Map<String, Column> writable, boolean inserting) {
        String indent = inserting ? "        " : "    ";
        for (Column column : spec.columns()) {
            String source = null;
            if (writable.containsKey(column.source()) || column.primaryKey()) {
                source = ColumnSql.variable(column.source());
            } else if (inserting) {
                source = defaultSource(column.source());
            }
            if (source != null) {
                body.append(indent).append("NEW.").append(SqlNames.quote(column.name())).append(" := ")
                        .append(ColumnSql.columnFrom(column, source)).append(";\n");
            }
        }
    }

    /** What a registration gives a source no column of the table writes. */
    private static String defaultSource(String source) {
        return source.startsWith("attr.") ? "NULL::text" : ColumnSql.variable(source);
    }

    /** After an UPDATE: a user the {@code where} no longer holds leaves the table. */
    static String whereFunction(ProjectionSpec spec) {
        Map<String, Column> writable = writableColumns(spec.columns());
        StringBuilder body = new StringBuilder("DECLARE\n");
        for (String source : spec.where().keySet()) {
            body.append("    ").append(ColumnSql.variable(source)).append(' ').append(ColumnSql.sourceType(source))
                    .append(";\n");
        }
        body.append("BEGIN\n");
        for (String source : spec.where().keySet()) {
            Column column = writable.get(source);
            if (column != null) {
                body.append("    ").append(ColumnSql.variable(source)).append(" := ")
                        .append(ColumnSql.sourceFrom(column, "NEW." + SqlNames.quote(column.name()))).append(";\n");
            }
        }
        body.append("    IF NOT (").append(TriggerSql.where(spec, writable.keySet())).append(") THEN\n")
                .append(TriggerSql.asUpkeep("        DELETE FROM " + SqlNames.table(spec.table()) + " WHERE "
                        + SqlNames.quote(spec.primaryKey().name()) + " = NEW." + SqlNames.quote(spec.primaryKey().name())
                        + ";\n", "        "))
                .append("    END IF;\n")
                .append("    RETURN NULL;\nEND");
        return TriggerSql.function(TableTriggers.afterFunction(spec.table()), body);
    }

    /** The first writable column of each source, in column order (id first). */
    static Map<String, Column> writableColumns(List<Column> columns) {
        Map<String, Column> writable = new LinkedHashMap<>();
        for (Column column : columns) {
            if (ColumnSql.writable(column)) {
                writable.putIfAbsent(column.source(), column);
            }
        }
        return writable;
    }

    private static String changed(Column column) {
        if (column == null) {
            return null;
        }
        String name = SqlNames.quote(column.name());
        return "NEW." + name + " IS DISTINCT FROM OLD." + name;
    }
}

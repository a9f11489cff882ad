package io.userstore.projections.engine;

import io.userstore.domain.UserStore;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.projections.spec.Sources;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The triggers on the tables of the version in service, generated for its spec: they map an
 * application's {@code INSERT}, {@code UPDATE} and {@code DELETE} to the store's SQL functions
 * (one event each, appended in the same transaction and checked by the same rules as the
 * shell), then leave the row as a rebuild would make it. A column no event can come from (a
 * computed one) may not be written. userstore's own maintenance passes through untouched.
 */
public final class TableTriggers {

    private static final String SCHEMA = UserStore.SCHEMA;

    private TableTriggers() {
    }

    /**
     * Puts the triggers on a version's tables that has just gone into service, and brings the
     * trigger functions of every table in service up to date (each one writes the others too).
     * Only the new version's tables get new triggers: the others keep theirs, whose functions are
     * replaced in place, so no lock on them is needed.
     *
     * @param serving every version in service, the new one among them
     * @param added   the new one (null when one has just left service)
     */
    public static void install(Connection connection, List<VersionTables> serving, VersionTables added)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (VersionTables tables : serving) {
                ProjectionSpec spec = tables.spec();
                OtherTables others = new OtherTables(serving.stream().filter(other -> other != tables)
                        .map(VersionTables::spec).toList());
                statement.execute(mainFunction(spec, others));
                if (!spec.where().isEmpty()) {
                    statement.execute(whereFunction(spec));
                }
                for (Child child : spec.children()) {
                    statement.execute(childFunction(spec, child, others));
                }
                if (tables == added) {
                    attach(statement, tables);
                }
            }
        }
    }

    private static void attach(Statement statement, VersionTables serving) throws SQLException {
        ProjectionSpec spec = serving.spec();
        trigger(statement, serving.main(), "BEFORE INSERT OR UPDATE OR DELETE", "FOR EACH ROW", writeFunction(spec.table()));
        if (!spec.where().isEmpty()) {
            trigger(statement, serving.main(), "AFTER UPDATE", "FOR EACH ROW", afterFunction(spec.table()));
        }
        trigger(statement, serving.main(), "BEFORE TRUNCATE", "FOR EACH STATEMENT", SCHEMA + ".refuse_truncate");
        for (Child child : spec.children()) {
            trigger(statement, serving.child(child), "BEFORE INSERT OR UPDATE OR DELETE", "FOR EACH ROW",
                    writeFunction(child.table()));
            trigger(statement, serving.child(child), "BEFORE TRUNCATE", "FOR EACH STATEMENT", SCHEMA + ".refuse_truncate");
        }
    }

    /** Takes the triggers and their functions off a version's tables (it no longer serves). */
    public static void detach(Connection connection, VersionTables tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables.names()) {
                for (String name : List.of("userstore_write", "userstore_after", "userstore_truncate")) {
                    statement.execute("DROP TRIGGER IF EXISTS " + name + " ON " + SqlNames.table(table));
                }
            }
            for (String table : tables.serving(true).names()) {
                statement.execute("DROP FUNCTION IF EXISTS " + writeFunction(table) + "()");
                statement.execute("DROP FUNCTION IF EXISTS " + afterFunction(table) + "()");
            }
        }
    }

    private static void trigger(Statement statement, String table, String when, String each, String function)
            throws SQLException {
        String name = when.startsWith("AFTER") ? "userstore_after"
                : when.contains("TRUNCATE") ? "userstore_truncate" : "userstore_write";
        statement.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        statement.execute("CREATE TRIGGER " + name + " " + when + " ON " + table + " " + each
                + " EXECUTE FUNCTION " + function + "()");
    }

    private static String writeFunction(String table) {
        return SCHEMA + "." + SqlNames.quote(table + "__write");
    }

    private static String afterFunction(String table) {
        return SCHEMA + "." + SqlNames.quote(table + "__after");
    }

    /** The main table: a row is a user. */
    private static String mainFunction(ProjectionSpec spec, OtherTables others) {
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
                .append("    IF ").append(SCHEMA).append(".maintaining() THEN\n")
                .append("        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;\n")
                .append("    END IF;\n")
                .append("    IF TG_OP = 'DELETE' THEN\n")
                .append("        PERFORM ").append(SCHEMA).append(".delete_user(OLD.").append(SqlNames.quote(key.name()))
                .append("::bigint);\n");
        if (!spec.children().isEmpty()) {
            body.append("        PERFORM set_config('userstore.maintenance', 'on', true);\n");
            for (Child child : spec.children()) {
                body.append("        DELETE FROM ").append(SqlNames.table(child.table())).append(" WHERE ")
                        .append(SqlNames.quote(VersionTables.userColumn(child).name())).append(" = OLD.")
                        .append(SqlNames.quote(key.name())).append(";\n");
            }
            body.append("        PERFORM set_config('userstore.maintenance', 'off', true);\n");
        }
        body.append(others.deleted("OLD." + SqlNames.quote(key.name()), "        "))
                .append("        RETURN OLD;\n")
                .append("    END IF;\n")
                .append("    IF TG_OP = 'INSERT' THEN\n");
        insert(body, spec, writable, pk, others);
        body.append("    END IF;\n");
        update(body, spec, writable, pk, others);
        body.append("    RETURN NEW;\nEND");
        return function(writeFunction(spec.table()), body);
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
                refuseForeignValue(body, spec.table(), column, "NEW." + SqlNames.quote(column.name()) + " IS NOT NULL",
                        "        ");
            }
        }
        fillRow(body, spec, writable, true);
        if (!spec.where().isEmpty()) {
            body.append("        IF NOT (").append(where(spec, spec.where().keySet())).append(") THEN\n")
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
        Map<String, String> changes = new java.util.LinkedHashMap<>();
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
                refuseForeignValue(body, spec.table(), column, "NEW." + name + " IS DISTINCT FROM OLD." + name
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

    private static void refuseForeignValue(StringBuilder body, String table, Column column, String condition,
                                           String indent) {
        body.append(indent).append("IF ").append(condition).append(" THEN\n")
                .append(indent).append("    PERFORM ").append(SCHEMA).append(".refuse(TG_OP || ' on ").append(table)
                .append(": column ").append(column.name()).append(" is computed from ").append(column.source())
                .append(column.transform() == null ? "" : " (" + column.transform() + ")")
                .append(" and maps to no event; write ").append(column.source().replace("attr.", "the attribute "))
                .append(" instead, or leave the column out');\n")
                .append(indent).append("END IF;\n");
    }

    /** After an UPDATE: a user the {@code where} no longer holds leaves the table. */
    private static String whereFunction(ProjectionSpec spec) {
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
        body.append("    IF NOT (").append(where(spec, writable.keySet())).append(") THEN\n")
                .append("        PERFORM set_config('userstore.maintenance', 'on', true);\n")
                .append("        DELETE FROM ").append(SqlNames.table(spec.table())).append(" WHERE ")
                .append(SqlNames.quote(spec.primaryKey().name())).append(" = NEW.")
                .append(SqlNames.quote(spec.primaryKey().name())).append(";\n")
                .append("        PERFORM set_config('userstore.maintenance', 'off', true);\n")
                .append("    END IF;\n")
                .append("    RETURN NULL;\nEND");
        return function(afterFunction(spec.table()), body);
    }

    /** The {@code where}, on the sources this write knows; a source it cannot change still holds. */
    private static String where(ProjectionSpec spec, Set<String> known) {
        List<String> tests = new ArrayList<>();
        spec.where().forEach((source, wanted) -> {
            if (known.contains(source)) {
                tests.add(ColumnSql.whereTest(source, wanted));
            }
        });
        return tests.isEmpty() ? "true" : String.join(" AND ", tests);
    }

    /** A child table: a row is a membership (or a permission held). */
    private static String childFunction(ProjectionSpec spec, Child child, OtherTables others) {
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
                .append("    IF ").append(SCHEMA).append(".maintaining() THEN\n")
                .append("        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;\n")
                .append("    END IF;\n")
                .append("    IF TG_OP = 'UPDATE' THEN\n")
                .append("        PERFORM ").append(SCHEMA).append(".refuse('UPDATE on ").append(child.table())
                .append(": a row here is one ").append(item).append(" of a user; INSERT and DELETE rows instead"
                        + " (each becomes an event)');\n")
                .append("    END IF;\n");
        if (itemColumn == null) {
            body.append("    PERFORM ").append(SCHEMA).append(".refuse(TG_OP || ' on ").append(child.table())
                    .append(": no column of this table holds the ").append(item).append(" as it is written');\n");
            return function(writeFunction(child.table()), body.append("    RETURN NULL;\nEND"));
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
                refuseForeignValue(body, child.table(), column, "NEW." + SqlNames.quote(column.name())
                        + " IS NOT NULL AND NEW." + SqlNames.quote(column.name()) + " IS DISTINCT FROM " + made, "    ");
            }
            body.append("    NEW.").append(SqlNames.quote(column.name())).append(" := ").append(made).append(";\n");
        }
        return function(writeFunction(child.table()), body.append("    RETURN NEW;\nEND"));
    }

    /** The item a child row names: its name column, or the name Django has for its id column. */
    private static String itemOf(Child child, Column itemColumn, String row) {
        String value = row + "." + SqlNames.quote(itemColumn.name());
        return Sources.isDjangoId(itemColumn.source()) ? ColumnSql.djangoName(child.from(), value) : value + "::text";
    }

    /** The first writable column of each source, in column order (id first). */
    private static Map<String, Column> writableColumns(List<Column> columns) {
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

    private static String function(String name, StringBuilder body) {
        return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $function$\n" + body
                + "\n$function$";
    }
}

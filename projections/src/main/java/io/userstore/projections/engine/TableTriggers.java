package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The triggers on the tables of the version in service, generated for its spec: they map an
 * application's {@code INSERT}, {@code UPDATE} and {@code DELETE} to the store's SQL functions
 * (one event each, appended in the same transaction and checked by the same rules as the
 * shell), then leave the row as a rebuild would make it. A column no event can come from (a
 * computed one) may not be written. userstore's own maintenance passes through untouched.
 * {@link UserRowTrigger} and {@link MembershipRowTrigger} write the functions; this class puts
 * them on the tables and takes them off.
 */
public final class TableTriggers {

    private static final String SCHEMA = TriggerSql.SCHEMA;

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
                statement.execute(UserRowTrigger.mainFunction(spec, others));
                if (!spec.where().isEmpty()) {
                    statement.execute(UserRowTrigger.whereFunction(spec));
                }
                for (Child child : spec.children()) {
                    statement.execute(MembershipRowTrigger.childFunction(spec, child, others));
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

    static String writeFunction(String table) {
        return SCHEMA + "." + SqlNames.quote(table + "__write");
    }

    static String afterFunction(String table) {
        return SCHEMA + "." + SqlNames.quote(table + "__after");
    }

}

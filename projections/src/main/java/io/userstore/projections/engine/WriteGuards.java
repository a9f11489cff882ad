package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What happens when an application writes to a stable name (a view over a projection): writes
 * never bypass the events. Setting only {@code last_login} (what Django's login does) becomes a
 * {@code UserLoggedIn} event in the same transaction, applied to every ready version's table;
 * any other write is refused with an error saying how to change users instead.
 */
public final class WriteGuards {

    private WriteGuards() {
    }

    /**
     * Puts the guards on the views a version is published under.
     *
     * @param ready every ready version, whose tables a login must update too
     */
    public static void guard(Connection connection, VersionTables published, List<VersionTables> ready)
            throws SQLException {
        ProjectionSpec spec = published.spec();
        try (Statement statement = connection.createStatement()) {
            statement.execute(refusalForRows());
            statement.execute(refusal());
            for (Child child : spec.children()) {
                trigger(statement, child.table(), "userstore_refuse_write");
            }
            Optional<Column> lastLogin = spec.columns().stream().filter(c -> c.source().equals("last_login")
                    && (c.type().sql().startsWith("timestamp"))).findFirst();
            if (lastLogin.isEmpty()) {
                trigger(statement, spec.table(), "userstore_refuse_write");
                return;
            }
            String function = "userstore_write_" + spec.table();
            statement.execute(loginFunction(function, spec.primaryKey().name(), lastLogin.get().name(), ready));
            trigger(statement, spec.table(), function);
        }
    }

    private static void trigger(Statement statement, String view, String function) throws SQLException {
        statement.execute("DROP TRIGGER IF EXISTS userstore_write ON " + SqlNames.quote(view));
        statement.execute("CREATE TRIGGER userstore_write INSTEAD OF INSERT OR UPDATE OR DELETE ON "
                + SqlNames.quote(view) + " FOR EACH ROW EXECUTE FUNCTION " + SqlNames.quote(function) + "()");
    }

    /** The trigger for views that take no write at all. */
    private static String refusal() {
        return """
                CREATE OR REPLACE FUNCTION userstore_refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN userstore_refuse_write_row(TG_OP, TG_TABLE_NAME);
                END $$""";
    }

    private static String loginFunction(String function, String key, String lastLogin, List<VersionTables> ready) {
        StringBuilder updates = new StringBuilder();
        for (VersionTables version : ready) {
            Optional<Column> column = version.spec().columns().stream()
                    .filter(c -> c.source().equals("last_login") && c.type().sql().startsWith("timestamp")).findFirst();
            if (column.isPresent()) {
                Column versionKey = version.spec().primaryKey();
                updates.append("    UPDATE ").append(SqlNames.quote(version.mainTable())).append(" SET ")
                        .append(SqlNames.quote(column.get().name())).append(" = NEW.").append(SqlNames.quote(lastLogin))
                        .append(" WHERE ").append(SqlNames.quote(versionKey.name())).append("::text = OLD.")
                        .append(SqlNames.quote(key)).append("::text;\n");
            }
        }
        String k = SqlNames.quote(key);
        String l = SqlNames.quote(lastLogin);
        return "CREATE OR REPLACE FUNCTION " + SqlNames.quote(function) + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "    IF TG_OP <> 'UPDATE' OR (to_jsonb(NEW) - '" + lastLogin + "') IS DISTINCT FROM (to_jsonb(OLD) - '"
                + lastLogin + "') OR NEW." + l + " IS NULL THEN\n"
                + "        RETURN userstore_refuse_write_row(TG_OP, TG_TABLE_NAME);\n"
                + "    END IF;\n"
                + "    IF NEW." + l + " IS NOT DISTINCT FROM OLD." + l + " THEN\n"
                + "        RETURN NEW;\n"
                + "    END IF;\n"
                + "    PERFORM userstore_record_login(OLD." + k + "::bigint, NEW." + l + ");\n"
                + updates
                + "    RETURN NEW;\n"
                + "END $$";
    }

    /** The refusal itself, called by every guard for the writes it does not take. */
    private static String refusalForRows() {
        return """
                CREATE OR REPLACE FUNCTION userstore_refuse_write_row(op text, tab text) RETURNS record LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% on %: this table is a userstore projection and only changes through events', op, tab
                        USING ERRCODE = 'read_only_sql_transaction',
                              HINT = 'change users with userstore (user set, user join, ...); only a login'
                                  || ' (an UPDATE of last_login alone) is accepted here, and becomes an event';
                END $$""";
    }
}

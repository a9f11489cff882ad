package io.userstore.projections.engine;

import io.userstore.domain.Counted;
import io.userstore.domain.UserStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The foreign keys of applications that point at a projected table, read from
 * {@code pg_constraint}: found, described, checked against another table, and moved to it with
 * their names, columns, actions and deferrability kept.
 */
final class ForeignKeys {

    /** A foreign key of table {@code table} (qualified) pointing at the projected table. */
    record Key(String name, String table, List<String> columns, List<String> referenced, String match,
               String onUpdate, String onDelete, boolean deferrable, boolean deferred, boolean validated,
               String rowKey) {

        String describe() {
            return "foreign key " + name + " of " + table + " (" + String.join(", ", columns) + ")";
        }

        /** The constraint again, pointing at {@code target} (qualified); NOT VALID, validated after the switch. */
        String addTo(String target) {
            return "ALTER TABLE " + table + " ADD CONSTRAINT " + SqlNames.quote(name) + " FOREIGN KEY ("
                    + quoted(columns) + ") REFERENCES " + target + " (" + quoted(referenced) + ")" + match
                    + " ON UPDATE " + onUpdate + " ON DELETE " + onDelete
                    + (deferrable ? " DEFERRABLE INITIALLY " + (deferred ? "DEFERRED" : "IMMEDIATE") : "")
                    + " NOT VALID";
        }

        String drop() {
            return "ALTER TABLE " + table + " DROP CONSTRAINT " + SqlNames.quote(name);
        }

        String validate() {
            return "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + SqlNames.quote(name);
        }
    }

    /** Rows of a referencing table that a candidate table would leave without their user. */
    record Stranded(Key key, long rows, List<String> rowIds, List<String> missing) {

        String describe(String candidate) {
            return Counted.of(rows, "row") + " of " + key.table() + " ("
                    + (key.rowKey() == null ? "" : key.rowKey() + " " + String.join(", ", rowIds) + ", ")
                    + "through " + key.describe() + ") point" + (rows == 1 ? "s" : "") + " at "
                    + String.join(", ", key.referenced()) + " "
                    + String.join(", ", missing) + (rows > missing.size() ? ", ..." : "") + ", which " + candidate
                    + " does not have";
        }
    }

    private ForeignKeys() {
    }

    /** The foreign keys of other tables that point at {@code table} (unqualified, in the tables' schema). */
    static List<Key> referencing(Connection connection, String table) throws SQLException {
        String sql = """
                SELECT c.conname, quote_ident(n.nspname) || '.' || quote_ident(r.relname),
                       array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                       array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
                       c.confmatchtype, c.confupdtype, c.confdeltype, c.condeferrable, c.condeferred, c.convalidated,
                       (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
                                AND a.attnum = i.indkey[0]
                        WHERE i.indrelid = c.conrelid AND i.indisprimary AND i.indnatts = 1)
                FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE c.contype = 'f' AND c.confrelid = to_regclass(?) AND c.conrelid <> c.confrelid
                ORDER BY n.nspname, r.relname, c.conname""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, SqlNames.table(table));
            List<Key> keys = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(new Key(rs.getString(1), rs.getString(2), strings(rs, 3), strings(rs, 4),
                            switch (rs.getString(5)) {
                                case "f" -> " MATCH FULL";
                                case "p" -> " MATCH PARTIAL";
                                default -> "";
                            }, action(rs.getString(6)), action(rs.getString(7)), rs.getBoolean(8), rs.getBoolean(9),
                            rs.getBoolean(10), rs.getString(11)));
                }
            }
            return keys;
        }
    }

    /**
     * Refuses, before anything changes, to point keys at tables that lack rows their rows need.
     *
     * @param keys      each key with the table (qualified) it would point at
     * @param candidate what those tables are, for the message ("custom_user v2")
     * @param doing     what is refused ("switch to custom_user v2")
     */
    static void refuseStranding(Connection connection, Map<Key, String> keys, String candidate, String doing)
            throws SQLException {
        for (Map.Entry<Key, String> key : keys.entrySet()) {
            Stranded stranded = stranded(connection, key.getKey(), key.getValue());
            if (stranded.rows() > 0) {
                throw new UserStoreException("cannot " + doing + ": " + stranded.describe(candidate)
                        + "; nothing was changed (give the spec the users these rows need, or delete the rows)");
            }
        }
    }

    /** The rows a key's table would strand if the key pointed at {@code target} (qualified). */
    static Stranded stranded(Connection connection, Key key, String target) throws SQLException {
        String notNull = key.columns().stream().map(c -> "r." + SqlNames.quote(c) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        String matches = "";
        for (int i = 0; i < key.columns().size(); i++) {
            matches += (i == 0 ? "" : " AND ") + "t." + SqlNames.quote(key.referenced().get(i)) + " = r."
                    + SqlNames.quote(key.columns().get(i));
        }
        String rowId = key.rowKey() == null ? "NULL" : "r." + SqlNames.quote(key.rowKey()) + "::text";
        String values = key.columns().stream().map(c -> "r." + SqlNames.quote(c) + "::text")
                .collect(Collectors.joining(" || ',' || "));
        String sql = "SELECT count(*), (array_agg(" + rowId + " ORDER BY " + rowId + "))[1:5],"
                + " (array_agg(DISTINCT " + values + "))[1:5] FROM " + key.table() + " r WHERE " + notNull
                + " AND NOT EXISTS (SELECT 1 FROM " + target + " t WHERE " + matches + ")";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return new Stranded(key, rs.getLong(1), strings(rs, 2), strings(rs, 3));
        }
    }

    /** Which rows of applications still point at these users' rows of {@code table}, for a refusal. */
    static String stillPointing(Connection connection, String table, java.util.Collection<Long> userIds)
            throws SQLException {
        for (Key key : referencing(connection, table)) {
            if (key.columns().size() != 1) {
                continue;
            }
            String column = "r." + SqlNames.quote(key.columns().get(0));
            String rowId = key.rowKey() == null ? column + "::text" : "r." + SqlNames.quote(key.rowKey()) + "::text";
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*), (array_agg(" + rowId
                    + " ORDER BY " + rowId + "))[1:5], (array_agg(DISTINCT " + column + "::text))[1:5] FROM "
                    + key.table() + " r WHERE " + column + "::bigint = ANY(?)")) {
                statement.setArray(1, connection.createArrayOf("bigint", userIds.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return "user #" + String.join(", #", strings(rs, 3)) + " cannot leave " + table + ": "
                                + Counted.of(rs.getLong(1), "row") + " of " + key.table()
                                + (key.rowKey() == null ? "" : " (" + key.rowKey() + " " + String.join(", ", strings(rs, 2))
                                + (rs.getLong(1) > 5 ? ", ..." : "") + ")") + " point" + (rs.getLong(1) == 1 ? "s" : "")
                                + " at it through " + key.describe();
                    }
                }
            }
        }
        return "rows of applications still point at users leaving " + table;
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).filter(java.util.Objects::nonNull).map(Object::toString)
                .toList();
    }

    private static String action(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static String quoted(List<String> names) {
        return names.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
    }
}

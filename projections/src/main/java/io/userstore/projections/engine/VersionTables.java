package io.userstore.projections.engine;

import io.userstore.domain.UserStoreException;
import io.userstore.projections.spec.ColumnType;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables of one projection version: its main table and one per child table. A version not
 * in service has them under versioned names ({@code TABLE__NAME_vN}); the version in service has
 * them under the spec's stable names, as real tables applications point foreign keys at.
 */
public final class VersionTables {

    private final ProjectionSpec spec;
    private final int version;
    private final boolean serving;
    private final RowMapper rows;

    public VersionTables(ProjectionSpec spec, int version, boolean serving) {
        this.spec = spec;
        this.version = version;
        this.serving = serving;
        this.rows = new RowMapper(spec);
    }

    /** The same version's tables under the names they have when it serves (or does not). */
    public VersionTables serving(boolean inService) {
        return new VersionTables(spec, version, inService);
    }

    public boolean serving() {
        return serving;
    }

    public int version() {
        return version;
    }

    public ProjectionSpec spec() {
        return spec;
    }

    public RowMapper rows() {
        return rows;
    }

    /** The main table's name as it stands now (unqualified). */
    public String mainName() {
        return serving ? spec.table() : SqlNames.physical(spec.table(), spec.name(), version);
    }

    public String childName(Child child) {
        return serving ? child.table() : SqlNames.physical(child.table(), spec.name(), version);
    }

    /** The main table, qualified for SQL text. */
    public String main() {
        return SqlNames.table(mainName());
    }

    public String child(Child child) {
        return SqlNames.table(childName(child));
    }

    /** Every table of the version, main first, as they are named now (unqualified). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(mainName());
        spec.children().forEach(child -> names.add(childName(child)));
        return names;
    }

    /** Fresh, empty tables without indexes (rows load fastest before indexes exist); never for the one in service. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + main());
            statement.execute("CREATE TABLE " + main() + " (" + columnsDdl(spec.columns()) + ")");
            for (Child child : spec.children()) {
                statement.execute("DROP TABLE IF EXISTS " + child(child));
                statement.execute("CREATE TABLE " + child(child) + " (" + columnsDdl(child.columns()) + ")");
            }
        }
    }

    /**
     * Primary key and unique constraints, and a unique index over each child's user and item; all
     * in the caller's transaction, so a resumed build that finds the primary key has them all.
     */
    public void addConstraints(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_constraint WHERE contype = 'p' AND conrelid = '"
                    + main() + "'::regclass")) {
                if (rs.next()) {
                    return;
                }
            }
            Column key = spec.primaryKey();
            unique(connection, key, "ALTER TABLE " + main() + " ADD PRIMARY KEY (" + SqlNames.quote(key.name()) + ")");
            for (Column column : spec.columns()) {
                if (column.unique() && !column.primaryKey()) {
                    unique(connection, column, "CREATE UNIQUE INDEX ON " + main() + " (" + SqlNames.quote(column.name())
                            + ")");
                }
            }
            for (Child child : spec.children()) {
                statement.execute("CREATE UNIQUE INDEX ON " + child(child) + " (" + child.columns().stream()
                        .map(c -> SqlNames.quote(c.name())).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** Builds a unique index; when values repeat, says which (the transaction is then rolled back anyway). */
    private void unique(Connection connection, Column column, String ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SAVEPOINT unique_index");
            statement.execute(ddl);
            statement.execute("RELEASE SAVEPOINT unique_index");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK TO SAVEPOINT unique_index");
            }
            requireDistinct(connection, column);
            throw e;
        }
    }

    private void requireDistinct(Connection connection, Column column) throws SQLException {
        String sql = "SELECT count(*) FROM " + main() + " WHERE " + SqlNames.quote(column.name())
                + " IS NOT NULL GROUP BY " + SqlNames.quote(column.name()) + " HAVING count(*) > 1 LIMIT 1";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (rs.next()) {
                throw new io.userstore.projections.api.ProjectionBuildException("column " + column.name()
                        + " is unique, but " + rs.getLong(1) + " users have the same value"
                        + (column.transform() == null ? "" : " (after " + column.transform() + ")")
                        + "; drop `unique` or the transform from the spec");
            }
        }
    }

    /**
     * Drops the tables. Tables that rows of applications still point at are not dropped: that
     * would drop the applications' foreign keys with them.
     */
    public void drop(Connection connection) throws SQLException {
        List<ForeignKeys.Key> pointing = new ArrayList<>();
        for (String table : names()) {
            pointing.addAll(ForeignKeys.referencing(connection, table));
        }
        if (!pointing.isEmpty()) {
            ForeignKeys.Key key = pointing.get(0);
            throw new UserStoreException(mainName() + " cannot be dropped: " + key.describe() + " points at it"
                    + (pointing.size() > 1 ? " (and " + (pointing.size() - 1) + " more foreign keys)" : "")
                    + "; drop those foreign keys first, or switch another projection to the stable name");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + main());
            for (Child child : spec.children()) {
                statement.execute("DROP TABLE IF EXISTS " + child(child));
            }
        }
    }

    /** Renames the tables to the names they have when the version serves (or no longer does). */
    public VersionTables rename(Connection connection, boolean inService) throws SQLException {
        VersionTables renamed = serving(inService);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + main() + " RENAME TO " + SqlNames.quote(renamed.mainName()));
            for (Child child : spec.children()) {
                statement.execute("ALTER TABLE " + child(child) + " RENAME TO " + SqlNames.quote(renamed.childName(child)));
            }
        }
        return renamed;
    }

    public long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + main())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A sink that COPYs the rows of many users into this version's fresh tables (a build). */
    public Sink sink(DjangoIds ids) {
        return new Sink(ids);
    }

    /** Django's ids for this spec's join tables, as the connection sees them (none for other specs). */
    public DjangoIds djangoIds(Connection connection) throws SQLException {
        return DjangoIds.read(connection, spec);
    }

    /**
     * Brings these users' rows to what they are folded to now: rows that change are updated in
     * place (so foreign keys pointing at them hold), rows a user no longer has are deleted (as
     * PostgreSQL's foreign keys allow), new ones inserted. Runs as userstore's own maintenance:
     * the triggers that turn applications' writes into events let it through.
     */
    public void replace(Connection connection, Collection<Long> userIds, List<FoldedUser> users) throws SQLException {
        DjangoIds ids = DjangoIds.read(connection, spec);
        List<String[]> mainRows = new ArrayList<>();
        List<Long> withRow = new ArrayList<>();
        List<List<String[]>> childRows = new ArrayList<>();
        spec.children().forEach(child -> childRows.add(new ArrayList<>()));
        for (FoldedUser user : users) {
            String[] row = rows.mainRow(user);
            if (row == null) {
                continue;
            }
            mainRows.add(row);
            withRow.add(user.view().id());
            for (int i = 0; i < spec.children().size(); i++) {
                childRows.get(i).addAll(rows.childRows(user, spec.children().get(i), ids));
            }
        }
        List<Long> withoutRow = userIds.stream().filter(id -> !withRow.contains(id)).toList();
        for (int i = 0; i < spec.children().size(); i++) {
            replaceChildRows(connection, spec.children().get(i), userIds, childRows.get(i));
        }
        if (!withoutRow.isEmpty()) {
            deleteRows(connection, withoutRow);
        }
        if (!mainRows.isEmpty()) {
            upsert(connection, mainRows);
        }
    }

    /**
     * Deletes the rows of users this table no longer holds. Rows of applications that point at
     * them follow their foreign key as PostgreSQL would: a cascade deletes them, anything else
     * refuses the change, saying which rows are in the way.
     */
    private void deleteRows(Connection connection, List<Long> userIds) throws SQLException {
        Column key = spec.primaryKey();
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("SAVEPOINT userstore_delete_rows");
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + main() + " WHERE "
                    + SqlNames.quote(key.name()) + " = ANY(?::" + key.type().sql() + "[])")) {
                delete.setString(1, idArray(userIds));
                delete.execute();
                // a deferred key would refuse only at the commit, with PostgreSQL's words: check now
                savepoint.execute("SET CONSTRAINTS ALL IMMEDIATE");
            } catch (SQLException e) {
                if (!"23503".equals(e.getSQLState())) {
                    throw e;
                }
                savepoint.execute("ROLLBACK TO SAVEPOINT userstore_delete_rows");
                throw new UserStoreException(ForeignKeys.stillPointing(connection, mainName(), userIds)
                        + "; delete or change those rows first, or declare the foreign key ON DELETE CASCADE");
            }
            savepoint.execute("RELEASE SAVEPOINT userstore_delete_rows");
        }
    }

    private void upsert(Connection connection, List<String[]> mainRows) throws SQLException {
        List<Column> columns = spec.columns();
        String key = SqlNames.quote(spec.primaryKey().name());
        List<String> others = columns.stream().filter(c -> !c.primaryKey()).map(c -> SqlNames.quote(c.name())).toList();
        String sql = "INSERT INTO " + main() + " AS t (" + columnList(columns) + ") " + selectFromArrays(columns)
                + " ON CONFLICT (" + key + ") DO "
                + (others.isEmpty() ? "NOTHING" : "UPDATE SET " + others.stream().map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", ")) + " WHERE (" + others.stream().map(c -> "t." + c)
                .collect(Collectors.joining(", ")) + ") IS DISTINCT FROM (" + others.stream().map(c -> "EXCLUDED." + c)
                .collect(Collectors.joining(", ")) + ")");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindColumns(connection, statement, 1, columns, mainRows);
            statement.execute();
        }
    }

    /** Deletes the child rows these users no longer have and inserts the ones they gained. */
    private void replaceChildRows(Connection connection, Child child, Collection<Long> userIds, List<String[]> desired)
            throws SQLException {
        List<Column> columns = child.columns();
        Column user = userColumn(child);
        String matches = "(" + columns.stream().map(c -> "d." + SqlNames.quote(c.name())).collect(Collectors.joining(", "))
                + ") IS NOT DISTINCT FROM (" + columns.stream().map(c -> "c." + SqlNames.quote(c.name()))
                .collect(Collectors.joining(", ")) + ")";
        String desiredRows = "WITH d AS (" + selectFromArrays(columns) + ") ";
        try (PreparedStatement delete = connection.prepareStatement(desiredRows + "DELETE FROM " + child(child)
                + " c WHERE c." + SqlNames.quote(user.name()) + " = ANY(?::" + user.type().sql() + "[])"
                + " AND NOT EXISTS (SELECT 1 FROM d WHERE " + matches + ")")) {
            int next = bindColumns(connection, delete, 1, columns, desired);
            delete.setString(next, idArray(userIds));
            delete.execute();
        }
        if (desired.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(desiredRows + "INSERT INTO " + child(child) + " ("
                + columnList(columns) + ") SELECT * FROM d WHERE NOT EXISTS (SELECT 1 FROM " + child(child) + " c WHERE "
                + matches + ")")) {
            bindColumns(connection, insert, 1, columns, desired);
            insert.execute();
        }
    }

    /** {@code SELECT a::type, b::type FROM unnest(?::text[], ?::text[]) AS u(a, b)}: rows as one array a column. */
    private static String selectFromArrays(List<Column> columns) {
        List<String> names = columns.stream().map(c -> SqlNames.quote(c.name())).toList();
        return "SELECT " + columns.stream().map(c -> "u." + SqlNames.quote(c.name()) + cast(c.type()) + " AS "
                + SqlNames.quote(c.name())).collect(Collectors.joining(", ")) + " FROM unnest("
                + columns.stream().map(c -> "?::text[]").collect(Collectors.joining(", ")) + ") AS u("
                + String.join(", ", names) + ")";
    }

    /** Text becomes the column's type as COPY would read it (text and varchar need none: their length is checked on assignment). */
    private static String cast(ColumnType type) {
        return switch (type.kind()) {
            case TEXT, VARCHAR -> "";
            default -> "::" + type.sql();
        };
    }

    private static int bindColumns(Connection connection, PreparedStatement statement, int first, List<Column> columns,
                                   List<String[]> rows) throws SQLException {
        for (int c = 0; c < columns.size(); c++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[c];
            }
            statement.setArray(first + c, connection.createArrayOf("text", values));
        }
        return first + columns.size();
    }

    private static String columnList(List<Column> columns) {
        return columns.stream().map(c -> SqlNames.quote(c.name())).collect(Collectors.joining(", "));
    }

    private static String idArray(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    static Column userColumn(Child child) {
        return child.columns().stream().filter(c -> c.source().equals("id")).findFirst().orElseThrow();
    }

    private static String columnsDdl(List<Column> columns) {
        List<String> ddl = new ArrayList<>();
        for (Column column : columns) {
            // NOT NULL from the start: checked row by row as COPY loads, where adding it later scans the table
            ddl.add(SqlNames.quote(column.name()) + " " + column.type().sql() + (column.nullable() ? "" : " NOT NULL"));
        }
        return String.join(", ", ddl);
    }

    /** Buffers rows per table and sends them with COPY. */
    public final class Sink {
        private final DjangoIds ids;
        private final CopyRows main = new CopyRows(main(), spec.columns().stream().map(Column::name).toList());
        private final List<CopyRows> children = spec.children().stream()
                .map(child -> new CopyRows(child(child), child.columns().stream().map(Column::name).toList()))
                .toList();

        private Sink(DjangoIds ids) {
            this.ids = ids;
        }

        public void add(FoldedUser user) {
            String[] row = rows.mainRow(user);
            if (row == null) {
                return;
            }
            main.add(row);
            for (int i = 0; i < children.size(); i++) {
                for (String[] childRow : rows.childRows(user, spec.children().get(i), ids)) {
                    children.get(i).add(childRow);
                }
            }
        }

        public long rows() {
            return main.rows();
        }

        /** Sends the rows of several sinks with one COPY per table. */
        public static void flush(Connection connection, List<Sink> sinks) throws SQLException {
            CopyRows.send(connection, sinks.stream().map(sink -> sink.main).toList());
            for (int i = 0; i < sinks.get(0).children.size(); i++) {
                int child = i;
                CopyRows.send(connection, sinks.stream().map(sink -> sink.children.get(child)).toList());
            }
        }
    }
}

package io.userstore.projections.engine;

import io.userstore.projections.api.ProjectionBuildException;
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
 * The physical tables of one projection version ({@code TABLE__NAME_vN}, one per child table
 * too) and the views that publish a version under the spec's stable names.
 */
public final class VersionTables {

    private final ProjectionSpec spec;
    private final int version;
    private final RowMapper rows;

    public VersionTables(ProjectionSpec spec, int version) {
        this.spec = spec;
        this.version = version;
        this.rows = new RowMapper(spec);
    }

    public String mainTable() {
        return SqlNames.physical(spec.table(), spec.name(), version);
    }

    public String childTable(Child child) {
        return SqlNames.physical(child.table(), spec.name(), version);
    }

    public RowMapper rows() {
        return rows;
    }

    public ProjectionSpec spec() {
        return spec;
    }

    /** Fresh, empty tables without indexes: rows load fastest before indexes exist. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SqlNames.quote(mainTable()));
            statement.execute("CREATE TABLE " + SqlNames.quote(mainTable()) + " (" + columnsDdl(spec.columns()) + ")");
            for (Child child : spec.children()) {
                statement.execute("DROP TABLE IF EXISTS " + SqlNames.quote(childTable(child)));
                statement.execute("CREATE TABLE " + SqlNames.quote(childTable(child)) + " ("
                        + columnsDdl(child.columns()) + ")");
            }
        }
    }

    /**
     * Primary key and unique constraints, and an index on each child's user column; all
     * in the caller's transaction, so a resumed build that finds the primary key has them all.
     */
    public void addConstraints(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_constraint WHERE contype = 'p' AND conrelid = '"
                    + SqlNames.quote(mainTable()) + "'::regclass")) {
                if (rs.next()) {
                    return;
                }
            }
            Column key = spec.primaryKey();
            unique(connection, key, "ALTER TABLE " + SqlNames.quote(mainTable()) + " ADD PRIMARY KEY ("
                    + SqlNames.quote(key.name()) + ")");
            for (Column column : spec.columns()) {
                if (column.unique() && !column.primaryKey()) {
                    unique(connection, column, "CREATE UNIQUE INDEX ON " + SqlNames.quote(mainTable()) + " ("
                            + SqlNames.quote(column.name()) + ")");
                }
            }
            for (Child child : spec.children()) {
                statement.execute("CREATE INDEX ON " + SqlNames.quote(childTable(child)) + " ("
                        + SqlNames.quote(userColumn(child).name()) + ")");
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
            requireDistinct(connection, mainTable(), column);
            throw e;
        }
    }

    private static void requireDistinct(Connection connection, String table, Column column) throws SQLException {
        String sql = "SELECT " + SqlNames.quote(column.name()) + "::text, count(*) FROM " + SqlNames.quote(table)
                + " WHERE " + SqlNames.quote(column.name()) + " IS NOT NULL GROUP BY 1 HAVING count(*) > 1 LIMIT 1";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (rs.next()) {
                throw new ProjectionBuildException("column " + column.name() + " is unique, but " + rs.getLong(2)
                        + " users have the value '" + rs.getString(1) + "'" + (column.transform() == null ? ""
                        : " (after " + column.transform() + ")") + "; drop `unique` or the transform from the spec");
            }
        }
    }

    public void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SqlNames.quote(mainTable()) + " CASCADE");
            for (Child child : spec.children()) {
                statement.execute("DROP TABLE IF EXISTS " + SqlNames.quote(childTable(child)) + " CASCADE");
            }
        }
    }

    /** Points the stable names at this version (the caller's transaction makes it atomic). */
    public void publish(Connection connection) throws SQLException {
        publish(connection, spec.table(), mainTable());
        for (Child child : spec.children()) {
            publish(connection, child.table(), childTable(child));
        }
    }

    /** Removes the stable names' views. */
    public void unpublish(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP VIEW IF EXISTS " + SqlNames.quote(spec.table()));
            for (Child child : spec.children()) {
                statement.execute("DROP VIEW IF EXISTS " + SqlNames.quote(child.table()));
            }
        }
    }

    private static void publish(Connection connection, String stable, String physical) throws SQLException {
        try (PreparedStatement kind = connection.prepareStatement(
                "SELECT relkind FROM pg_class WHERE relname = ? AND relnamespace = current_schema()::regnamespace")) {
            kind.setString(1, stable);
            try (ResultSet rs = kind.executeQuery()) {
                if (rs.next() && !"v".equals(rs.getString(1))) {
                    throw new ProjectionBuildException(stable + " exists and is not a view userstore made (a table?);"
                            + " rename it, or give the spec another table name");
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP VIEW IF EXISTS " + SqlNames.quote(stable));
            statement.execute("CREATE VIEW " + SqlNames.quote(stable) + " AS SELECT * FROM " + SqlNames.quote(physical));
        }
    }

    /** A sink that COPYs the rows of many users into this version's tables. */
    public Sink sink() {
        return new Sink();
    }

    /** Replaces the rows of these users with their freshly folded ones. */
    public void replace(Connection connection, Collection<Long> userIds, List<FoldedUser> users) throws SQLException {
        String ids = userIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        Column key = spec.primaryKey();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + SqlNames.quote(mainTable())
                + " WHERE " + SqlNames.quote(key.name()) + " = ANY(?::" + key.type().sql() + "[])")) {
            delete.setString(1, ids);
            delete.execute();
        }
        for (Child child : spec.children()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + SqlNames.quote(childTable(child))
                    + " WHERE " + SqlNames.quote(userColumn(child).name()) + " = ANY(?::"
                    + userColumn(child).type().sql() + "[])")) {
                delete.setString(1, ids);
                delete.execute();
            }
        }
        Sink sink = sink();
        users.forEach(sink::add);
        sink.flush(connection);
    }

    private static Column userColumn(Child child) {
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
        private final CopyRows main = new CopyRows(mainTable(), spec.columns().stream().map(Column::name).toList());
        private final List<CopyRows> children = spec.children().stream()
                .map(child -> new CopyRows(childTable(child), child.columns().stream().map(Column::name).toList()))
                .toList();

        public void add(FoldedUser user) {
            String[] row = rows.mainRow(user);
            if (row == null) {
                return;
            }
            main.add(row);
            for (int i = 0; i < children.size(); i++) {
                for (String[] childRow : rows.childRows(user, spec.children().get(i))) {
                    children.get(i).add(childRow);
                }
            }
        }

        public long rows() {
            return main.rows();
        }

        public boolean full() {
            return main.full() || children.stream().anyMatch(CopyRows::full);
        }

        public void flush(Connection connection) throws SQLException {
            flush(connection, List.of(this));
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

package io.userstore.projections.engine;

import io.userstore.projections.api.Binding;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;

/**
 * Stores of earlier releases published a stable name as a view over the version in service;
 * now the version's tables carry the stable name themselves. Done once, at the first start.
 */
public final class LegacyViews {

    private LegacyViews() {
    }

    /** @return whether there was anything to convert (the tables in service then need their triggers) */
    public static boolean convert(Connection connection, List<Binding> bindings, Function<String, ProjectionSpec> specs)
            throws SQLException {
        boolean converted = false;
        for (Binding binding : bindings) {
            if (!isView(connection, binding.stableTable())) {
                continue;
            }
            ProjectionSpec spec = specs.apply(binding.name());
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP VIEW IF EXISTS " + SqlNames.table(spec.table()));
                for (Child child : spec.children()) {
                    statement.execute("DROP VIEW IF EXISTS " + SqlNames.table(child.table()));
                }
                statement.execute("DROP FUNCTION IF EXISTS " + SqlNames.table("userstore_write_" + spec.table())
                        + "() CASCADE");
            }
            converted = true;
            new VersionTables(spec, binding.version(), false).rename(connection, true);
        }
        return converted;
    }

    private static boolean isView(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT relkind = 'v' FROM pg_class WHERE oid = to_regclass(?)")) {
            statement.setString(1, SqlNames.table(table));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

package io.userstore.domain.django;

import io.userstore.domain.UserStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tables and columns an import reads, checked before anything is read or written. */
final class DjangoSchema {

    private static final Set<String> INTEGER = Set.of("integer", "bigint", "smallint");
    private static final Set<String> TEXT = Set.of("character varying", "text", "character");
    private static final Set<String> TIMESTAMP = Set.of("timestamp with time zone", "timestamp without time zone");
    private static final Set<String> BOOLEAN = Set.of("boolean");

    /** Each table's columns and the types they may have. */
    private static final Map<String, Map<String, Set<String>>> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("django_content_type", Map.of("id", INTEGER, "app_label", TEXT, "model", TEXT));
        REQUIRED.put("auth_permission", Map.of("id", INTEGER, "content_type_id", INTEGER, "codename", TEXT));
        REQUIRED.put("auth_group", Map.of("id", INTEGER, "name", TEXT));
        REQUIRED.put("auth_group_permissions", Map.of("group_id", INTEGER, "permission_id", INTEGER));
        Map<String, Set<String>> user = new LinkedHashMap<>();
        user.put("id", INTEGER);
        user.put("password", TEXT);
        user.put("last_login", TIMESTAMP);
        user.put("is_superuser", BOOLEAN);
        user.put("username", TEXT);
        user.put("first_name", TEXT);
        user.put("last_name", TEXT);
        user.put("email", TEXT);
        user.put("is_staff", BOOLEAN);
        user.put("is_active", BOOLEAN);
        user.put("date_joined", TIMESTAMP);
        REQUIRED.put("auth_user", user);
        REQUIRED.put("auth_user_groups", Map.of("user_id", INTEGER, "group_id", INTEGER));
        REQUIRED.put("auth_user_user_permissions", Map.of("user_id", INTEGER, "permission_id", INTEGER));
    }

    private DjangoSchema() {
    }

    /** Fails with one line naming every missing table or column and every wrong type. */
    static void check(Connection connection, String schema, String source) throws SQLException {
        Map<String, Map<String, String>> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name, column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ANY(?)")) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", REQUIRED.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        if (found.isEmpty()) {
            throw new UserStoreException(source + " is not a Django auth database: schema " + schema + " has none of "
                    + String.join(", ", REQUIRED.keySet()) + "; check --from, or name the schema with --schema");
        }
        List<String> problems = new ArrayList<>();
        REQUIRED.forEach((table, columns) -> {
            Map<String, String> actual = found.get(table);
            if (actual == null) {
                problems.add("table " + table + " is missing");
                return;
            }
            columns.forEach((column, types) -> {
                String type = actual.get(column);
                if (type == null) {
                    problems.add("column " + table + "." + column + " is missing");
                } else if (!types.contains(type)) {
                    problems.add(table + "." + column + " is " + type + ", expected " + String.join(" or ", types));
                }
            });
        });
        if (!problems.isEmpty()) {
            throw new UserStoreException(source + " is not a Django auth database as userstore reads it: "
                    + String.join("; ", problems) + "; nothing was imported");
        }
    }
}

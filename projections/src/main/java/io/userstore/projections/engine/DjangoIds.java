package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.Sources;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Django's ids for the groups and permissions the events name: {@code auth_group.id} by group
 * name, {@code auth_permission.id} by {@code app_label.codename}, read from the database the
 * tables live in, for the join tables of a Django-shaped spec. Read when a build starts and with
 * every refresh, so a group Django has just made is known.
 */
public final class DjangoIds {

    static final String GROUPS = SqlNames.TABLE_SCHEMA + ".auth_group";
    static final String PERMISSIONS = SqlNames.TABLE_SCHEMA + ".auth_permission";
    static final String CONTENT_TYPES = SqlNames.TABLE_SCHEMA + ".django_content_type";
    /** A spec that needs none. */
    static final DjangoIds NONE = new DjangoIds(Map.of(), Map.of());

    private final Map<String, Long> groups;
    private final Map<String, Long> permissions;

    private DjangoIds(Map<String, Long> groups, Map<String, Long> permissions) {
        this.groups = groups;
        this.permissions = permissions;
    }

    static boolean needed(ProjectionSpec spec) {
        return spec.children().stream().flatMap(child -> child.columns().stream())
                .anyMatch(column -> Sources.isDjangoId(column.source()));
    }

    /** The ids as the connection sees them now (none when the spec needs none). */
    static DjangoIds read(Connection connection, ProjectionSpec spec) throws SQLException {
        if (!needed(spec)) {
            return NONE;
        }
        Map<String, Long> groups = new HashMap<>();
        Map<String, Long> permissions = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT CASE WHEN to_regclass('" + GROUPS + "') IS NULL"
                    + " OR to_regclass('" + PERMISSIONS + "') IS NULL THEN 'missing' END")) {
                rs.next();
                if (rs.getString(1) != null) {
                    return new DjangoIds(groups, permissions);
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT name, id FROM " + GROUPS)) {
                while (rs.next()) {
                    groups.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT ct.app_label || '.' || p.codename, p.id FROM "
                    + PERMISSIONS + " p JOIN " + CONTENT_TYPES + " ct ON ct.id = p.content_type_id")) {
                while (rs.next()) {
                    permissions.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return new DjangoIds(groups, permissions);
    }

    /** Django's id for a group or permission, or null when Django does not know it. */
    Long idOf(String from, String item) {
        return (from.equals("groups") ? groups : permissions).get(item);
    }

    /** Where the ids come from, for messages. */
    static String table(String from) {
        return from.equals("groups") ? GROUPS : PERMISSIONS;
    }
}

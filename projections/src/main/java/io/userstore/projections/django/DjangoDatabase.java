package io.userstore.projections.django;

import io.userstore.domain.Counted;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.write.UserWrites;
import io.userstore.projections.SpecFiles;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.SpecParser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Django tables an adoption reads and changes, beside the ones it takes over:
 * {@code django_content_type}, {@code auth_permission}, {@code django_migrations}, all in
 * {@code public}, the schema Django uses.
 */
public final class DjangoDatabase {

    public static final String USER_TABLE = "auth_user";
    public static final String GROUPS_TABLE = "auth_user_groups";
    public static final String PERMISSIONS_TABLE = "auth_user_user_permissions";
    private static final List<String> LOCKED = List.of("auth_user", "auth_user_groups", "auth_user_user_permissions",
            "auth_group", "auth_permission", "django_content_type");
    private static final String BACKUP = "__before_userstore";

    private final DjangoModel model;

    public DjangoDatabase(DjangoModel model) {
        this.model = model;
    }

    /** The spec, shaped as Django's (see {@link DjangoShape}), parsed and checked. */
    public static ProjectionSpec shapedSpec(String reference, DjangoModel model) {
        String shaped = DjangoShape.apply(SpecFiles.text(reference), reference, model);
        return SpecParser.parse(shaped, reference, null);
    }

    /** Refuses a database that is not Django's as an adoption needs it, saying what is missing or in the way. */
    public void check(Connection connection) throws SQLException {
        for (String table : List.of("auth_user", "auth_group", "auth_permission", "auth_user_groups",
                "auth_user_user_permissions", "django_content_type", "django_migrations")) {
            if (!isTable(connection, table)) {
                throw new UserStoreException("public." + table + " is not there (or not a table): this is not the"
                        + " database of a Django project that has run `manage.py migrate` with django.contrib.auth;"
                        + " check --db");
            }
        }
        if (!model.isAuthUser()) {
            if (exists(connection, model.table())) {
                throw new UserStoreException("public." + model.table() + " exists already (did `manage.py migrate`"
                        + " create it?); adopt builds it: drop it if it is empty, or choose another --model");
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM public.django_content_type"
                    + " WHERE app_label = ? AND model = ?")) {
                statement.setString(1, model.appLabel());
                statement.setString(2, model.contentTypeModel());
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        throw new UserStoreException("django_content_type has " + model.appLabel() + "."
                                + model.contentTypeModel() + " already (id " + rs.getLong(1) + "); adopt makes auth.user"
                                + " that content type, keeping its id: delete the row (and its permissions) first");
                    }
                }
            }
        }
    }

    /** Writers of Django's auth tables wait until the adoption commits; readers go on. */
    public void lockAgainstWriters(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + String.join(", ", LOCKED.stream().map(t -> "public." + t).toList())
                    + " IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    /** What an adoption would do, for {@code --dry-run}; reads only. */
    public List<String> plan(Connection connection, ProjectionSpec spec) throws SQLException {
        check(connection);
        List<String> plan = new ArrayList<>();
        plan.add("would lock Django's auth tables against writers while it runs (readers go on)");
        plan.add("would import the " + count(connection, "public.auth_user") + " users of auth_user, with their groups"
                + " and direct permissions (those imported before are skipped)");
        if (!model.isAuthUser()) {
            plan.add("would make django_content_type auth.user " + model.appLabel() + "." + model.contentTypeModel()
                    + " (its id kept) and rename its permissions for " + model.contentTypeModel());
        }
        plan.add("would build " + spec.table() + " (" + spec.name() + " v1) with " + String.join(" and ",
                spec.children().stream().map(ProjectionSpec.Child::table).toList()) + ", as Django's ORM reads them");
        plan.add("would keep " + USER_TABLE + ", " + GROUPS_TABLE + " and " + PERMISSIONS_TABLE + " as "
                + USER_TABLE + BACKUP + " and so on");
        List<String> keys = pointingKeys(connection);
        plan.add(keys.isEmpty() ? "no foreign keys point at auth_user"
                : "would point " + Counted.of(keys.size(), "foreign key") + " at "
                + spec.table() + ": " + String.join(", ", keys));
        if (!model.isAuthUser()) {
            plan.add("would record " + model.appLabel() + ".0001_initial as applied in django_migrations");
        }
        plan.add("nothing was changed (--dry-run)");
        return plan;
    }

    /**
     * For a custom model: the content type of auth.user becomes the model's, its id kept (so
     * permissions and admin log entries keep pointing at it); its permissions follow the model's
     * name (add_user becomes add_customuser), and users holding them directly hold the new names.
     */
    public List<String> moveContentType(Connection connection, UserWrites users) throws SQLException {
        long contentType;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM public.django_content_type"
                     + " WHERE app_label = 'auth' AND model = 'user'")) {
            if (!rs.next()) {
                return List.of("django_content_type has no auth.user; nothing to move");
            }
            contentType = rs.getLong(1);
        }
        Map<Long, String[]> renamed = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, codename FROM public.auth_permission"
                + " WHERE content_type_id = ? ORDER BY id")) {
            statement.setLong(1, contentType);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String codename = rs.getString(2);
                    String moved = codename.matches("(add|change|delete|view)_user")
                            ? codename.replaceFirst("_user$", "_" + model.contentTypeModel()) : codename;
                    renamed.put(rs.getLong(1), new String[]{codename, moved});
                }
            }
        }
        Map<Long, List<Long>> holders = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT user_id, permission_id FROM"
                + " public.auth_user_user_permissions WHERE permission_id = ANY(?) ORDER BY user_id, permission_id")) {
            statement.setArray(1, connection.createArrayOf("bigint", renamed.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    holders.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE public.django_content_type"
                + " SET app_label = ?, model = ? WHERE id = ?")) {
            update.setString(1, model.appLabel());
            update.setString(2, model.contentTypeModel());
            update.setLong(3, contentType);
            update.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE public.auth_permission SET codename = ?,"
                + " name = CASE WHEN ? THEN 'Can ' || split_part(?, '_', 1) || ' ' || ? ELSE name END WHERE id = ?")) {
            for (Map.Entry<Long, String[]> permission : renamed.entrySet()) {
                boolean standard = !permission.getValue()[0].equals(permission.getValue()[1]);
                update.setString(1, permission.getValue()[1]);
                update.setBoolean(2, standard);
                update.setString(3, permission.getValue()[1]);
                update.setString(4, model.verboseName());
                update.setLong(5, permission.getKey());
                update.executeUpdate();
            }
        }
        holders.forEach((user, permissions) -> {
            users.revoke("#" + user, permissions.stream().map(id -> "auth." + renamed.get(id)[0]).toList());
            users.grant("#" + user, permissions.stream().map(id -> model.appLabel() + "." + renamed.get(id)[1]).toList());
        });
        return List.of("django_content_type " + contentType + " (auth.user) is now " + model.appLabel() + "."
                + model.contentTypeModel() + "; its permissions are " + String.join(", ", renamed.values().stream()
                .map(names -> names[1]).toList()) + (holders.isEmpty() ? "" : ", and the " + holders.size()
                + " users who held some of them directly hold them under these names"));
    }

    /** Django's migration history says the model's table is there, so `migrate` neither fails nor creates it. */
    public String recordInitialMigration(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO public.django_migrations (app, name,"
                + " applied) SELECT ?, '0001_initial', now() WHERE NOT EXISTS (SELECT 1 FROM public.django_migrations"
                + " WHERE app = ? AND name = '0001_initial')")) {
            insert.setString(1, model.appLabel());
            insert.setString(2, model.appLabel());
            int recorded = insert.executeUpdate();
            return recorded == 0 ? model.appLabel() + ".0001_initial was recorded as applied already"
                    : "recorded " + model.appLabel() + ".0001_initial as applied in django_migrations (`manage.py migrate`"
                    + " will not create " + model.table() + ")";
        }
    }

    private static List<String> pointingKeys(Connection connection) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT c.conname || ' of ' || c.conrelid::regclass::text"
                     + " FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = 'public.auth_user'::regclass"
                     + " AND c.conrelid NOT IN ('public.auth_user_groups'::regclass,"
                     + " 'public.auth_user_user_permissions'::regclass) ORDER BY 1")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static boolean isTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT relkind = 'r' FROM pg_class WHERE oid = to_regclass(?)")) {
            statement.setString(1, "public." + table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, "public." + table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package io.userstore.domain.django;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.Batch;
import io.userstore.domain.server.DatabaseUrl;
import io.userstore.domain.user.LegacyUser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code import django}: reads a Django auth database in one consistent snapshot and turns each
 * user into events, keeping its id, hash, timestamps, flags, names, e-mail, groups (by name) and
 * direct permissions ({@code app_label.codename}). All or nothing; users imported before are
 * skipped, so running it again imports nothing twice.
 */
public final class DjangoImporter {

    /** What an import did; {@code source} is where it read from (host:port/database). */
    public record Outcome(String source, int read, int imported, int alreadyImported, int groupPermissions) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DjangoImporter.class);
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int USERS_PER_BATCH = 1000;

    private final UserStore store;

    public DjangoImporter(UserStore store) {
        this.store = store;
    }

    public Outcome run(String sourceUrl, String schema, Progress progress) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new UserStoreException("--schema '" + schema + "' is not a plain schema name");
        }
        DatabaseUrl url = DatabaseUrl.parse(sourceUrl);
        long started = System.nanoTime();
        List<LegacyUser> users;
        int groupPermissions;
        try (Connection source = connect(url)) {
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            DjangoSchema.check(source, schema, url.describe());
            users = readUsers(source, schema);
            groupPermissions = (int) count(source, schema, "auth_group_permissions");
            source.rollback();
        } catch (SQLException e) {
            throw new UserStoreException("cannot read " + url.describe() + ": " + e.getMessage().replaceAll("\\s+", " ")
                    + "; nothing was imported", e);
        }
        long read = System.nanoTime();
        List<LegacyUser> fresh = withoutImported(users);
        long checked = System.nanoTime();
        Batch whole = store.beginTransaction();
        try {
            write(fresh, progress);
        } catch (RuntimeException e) {
            whole.rollback();
            throw e;
        }
        whole.commit();
        LOG.info("import from {}: read {} users in {} ms, checked them in {} ms, wrote {} in {} ms", url.describe(),
                users.size(), (read - started) / 1_000_000, (checked - read) / 1_000_000, fresh.size(),
                (System.nanoTime() - checked) / 1_000_000);
        return new Outcome(url.describe(), users.size(), fresh.size(), users.size() - fresh.size(), groupPermissions);
    }

    /**
     * Imports the Django auth tables of the store's own database, read through {@code source},
     * the connection of the transaction that is open on this thread (which the events join): what
     * {@code django adopt} does, with the tables locked against writers.
     */
    public Outcome importInPlace(Connection source, String description, Progress progress) throws SQLException {
        DjangoSchema.check(source, "public", description);
        List<LegacyUser> users = readUsers(source, "public");
        int groupPermissions = (int) count(source, "public", "auth_group_permissions");
        List<LegacyUser> fresh = withoutImported(users);
        write(fresh, progress);
        return new Outcome(description, users.size(), fresh.size(), users.size() - fresh.size(), groupPermissions);
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("ApplicationName", "userstore-import");
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    private static List<LegacyUser> readUsers(Connection source, String schema) throws SQLException {
        String s = "\"" + schema + "\".";
        Map<Long, String> permissions = new HashMap<>();
        query(source, "SELECT p.id, ct.app_label || '.' || p.codename FROM " + s + "auth_permission p JOIN " + s
                + "django_content_type ct ON ct.id = p.content_type_id", rs -> permissions.put(rs.getLong(1), rs.getString(2)));
        Map<Long, List<String>> groupsOf = new HashMap<>();
        query(source, "SELECT ug.user_id, g.name FROM " + s + "auth_user_groups ug JOIN " + s + "auth_group g"
                + " ON g.id = ug.group_id ORDER BY ug.user_id, g.name", rs ->
                groupsOf.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2)));
        Map<Long, List<String>> permissionsOf = new HashMap<>();
        query(source, "SELECT user_id, permission_id FROM " + s + "auth_user_user_permissions ORDER BY user_id, id",
                rs -> permissionsOf.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                        .add(permissions.get(rs.getLong(2))));
        List<LegacyUser> users = new ArrayList<>();
        Timestamps timestamps = new Timestamps();
        query(source, "SELECT id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff,"
                + " is_active, date_joined FROM " + s + "auth_user ORDER BY id", rs -> {
            long id = rs.getLong(1);
            users.add(new LegacyUser(id, rs.getString(5), rs.getString(2), timestamps.read(rs, 3), rs.getBoolean(4),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getBoolean(10),
                    timestamps.read(rs, 11), groupsOf.getOrDefault(id, List.of()),
                    permissionsOf.getOrDefault(id, List.of())));
        });
        return users;
    }

    /** Skips users imported before (same id, same name); any other clash stops the import before it writes. */
    private List<LegacyUser> withoutImported(List<LegacyUser> users) {
        Map<Long, String> existing = store.users().registeredNames(users.stream().map(LegacyUser::id).toArray(Long[]::new));
        Map<String, Long> owners = store.users().owners(users.stream().map(LegacyUser::username).toArray(String[]::new));
        List<LegacyUser> fresh = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        for (LegacyUser user : users) {
            boolean idTaken = existing.containsKey(user.id());
            if (idTaken && user.username().equals(existing.get(user.id()))) {
                continue;
            }
            if (idTaken) {
                clashes.add("id " + user.id() + " (" + user.username() + ") belongs to another user in the store");
            } else if (owners.containsKey(user.username())) {
                clashes.add("username " + user.username() + " (id " + user.id() + ") belongs to user #"
                        + owners.get(user.username()) + " in the store");
            } else {
                fresh.add(user);
            }
        }
        if (!clashes.isEmpty()) {
            throw new UserStoreException(clashes.size() + " user(s) clash with the store: "
                    + String.join("; ", clashes.subList(0, Math.min(3, clashes.size())))
                    + (clashes.size() > 3 ? "; ..." : "") + "; nothing was imported");
        }
        return fresh;
    }

    /** Writes the users in groups of {@value #USERS_PER_BATCH}, in the transaction open on this thread. */
    private void write(List<LegacyUser> users, Progress progress) {
        progress.start("import", users.size());
        try {
            for (int from = 0; from < users.size(); from += USERS_PER_BATCH) {
                List<LegacyUser> slice = users.subList(from, Math.min(users.size(), from + USERS_PER_BATCH));
                Batch batch = store.beginGroup("import django");
                try {
                    slice.forEach(store.users()::importUser);
                } catch (RuntimeException e) {
                    batch.rollback();
                    throw e;
                }
                batch.commit();
                progress.advance(slice.size());
            }
        } catch (RuntimeException e) {
            progress.finish();
            throw e instanceof UserStoreException ? new UserStoreException(e.getMessage() + "; nothing was imported", e)
                    : e;
        }
        progress.finish();
    }

    /**
     * Reads timestamps to the microsecond: {@code timestamptz} as the instant it is, {@code
     * timestamp} (Django with USE_TZ off) as UTC. The column types are looked at once.
     */
    private static final class Timestamps {
        private Boolean withZone;

        Instant read(ResultSet rs, int column) throws SQLException {
            if (withZone == null) {
                withZone = rs.getMetaData().getColumnTypeName(column).equals("timestamptz");
            }
            if (withZone) {
                OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
            LocalDateTime value = rs.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }
    }

    private static long count(Connection source, String schema, String table) throws SQLException {
        try (Statement statement = source.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\"." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection source, String sql, Row row) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1); // binary: no text parsing
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}

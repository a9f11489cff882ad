package io.userstore.projections.engine;

import io.userstore.domain.log.LogPosition;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.Binding;
import io.userstore.projections.api.VersionState;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.SpecParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The registry tables: projections, their versions and the stable-name bindings. */
public final class Registry {

    /** One version of a projection as the registry records it, with where its build stands. */
    public record Version(String name, int version, VersionState state, Long snapshotHead, String buildCursor,
                          Long position, Long[] gaps, long rows, long events, String startedAt, String finishedAt,
                          Double seconds, Problem error, Problem blocked) {

        public boolean ready() {
            return state == VersionState.READY;
        }

        public LogPosition logPosition() {
            return new LogPosition(position, gaps);
        }
    }

    /**
     * What stopped a version, as stored: a sentence without personal data, and the user and column
     * it is about (when one is), so the value can be read from the events when it is shown.
     */
    public record Problem(String text, Long userId, String column) {
    }

    private static final long SCHEMA_LOCK = 0x7573_7072_6f6a_6563L;
    private static final String VERSION_COLUMNS = "name, version, state, snapshot_head, build_cursor, position, gaps,"
            + " rows, events, started_at::text, finished_at::text, seconds, error, error_user, error_column,"
            + " blocked_problem, blocked_user, blocked_column";

    private final Jdbc jdbc;

    public Registry(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates or brings up to date the registry's tables, only when registry.sql changed since it
     * last ran (its digest is the comment on userstore.projection): every process opens the store,
     * and running the script each time would take an exclusive lock on projection_version.
     */
    public void createTables() {
        String script = resource("registry.sql");
        String digest = digest(script);
        jdbc.query("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")", ResultSet::next);
        if (digest.equals(jdbc.query("SELECT obj_description(to_regclass('userstore.projection'), 'pg_class')",
                rs -> rs.next() ? rs.getString(1) : null))) {
            return;
        }
        jdbc.script(script);
        jdbc.script("COMMENT ON TABLE userstore.projection IS " + SqlNames.literal(digest));
    }

    private static String digest(String script) {
        try {
            return "registry.sql " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ProjectionSpec> spec(String name) {
        return Optional.ofNullable(jdbc.query("SELECT spec, spec_source FROM userstore.projection WHERE name = ?",
                rs -> rs.next() ? SpecParser.parse(rs.getString(1), rs.getString(2), name) : null, name));
    }

    public List<String> names() {
        return jdbc.strings("SELECT name FROM userstore.projection ORDER BY name");
    }

    public void register(ProjectionSpec spec, String source) {
        jdbc.update("INSERT INTO userstore.projection (name, stable_table, spec, spec_source) VALUES (?, ?, ?, ?)",
                spec.name(), spec.table(), spec.text(), source);
    }

    public void unregister(String name) {
        jdbc.update("DELETE FROM userstore.projection WHERE name = ?", name);
    }

    public int nextVersion(String name) {
        return jdbc.query("SELECT coalesce(max(version), 0) + 1 FROM userstore.projection_version WHERE name = ?",
                rs -> rs.next() ? rs.getInt(1) : 1, name);
    }

    public void startVersion(String name, int version) {
        jdbc.update("INSERT INTO userstore.projection_version (name, version, state) VALUES (?, ?, 'building')", name, version);
    }

    public List<Version> versions(String name) {
        return versionsWhere("name = ?", name);
    }

    public List<Version> versionsInState(VersionState state) {
        return versionsWhere("state = ?", state.label());
    }

    public Optional<Version> version(String name, int version) {
        return versionsWhere("name = ? AND version = ?", name, version).stream().findFirst();
    }

    private List<Version> versionsWhere(String condition, Object... parameters) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM userstore.projection_version WHERE " + condition
                + " ORDER BY name, version", rs -> {
            List<Version> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(version(rs));
            }
            return versions;
        }, parameters);
    }

    private static Version version(ResultSet rs) throws SQLException {
        return new Version(rs.getString(1), rs.getInt(2), VersionState.of(rs.getString(3)), (Long) rs.getObject(4), rs.getString(5),
                (Long) rs.getObject(6), (Long[]) rs.getArray(7).getArray(), rs.getLong(8), rs.getLong(9),
                rs.getString(10), rs.getString(11), (Double) rs.getObject(12), problem(rs, 13), problem(rs, 16));
    }

    private static Problem problem(ResultSet rs, int first) throws SQLException {
        String text = rs.getString(first);
        return text == null ? null : new Problem(text, (Long) rs.getObject(first + 1), rs.getString(first + 2));
    }

    public void recordBulkProgress(String name, int version, long head, String cursor, long rows, long events) {
        jdbc.update("UPDATE userstore.projection_version SET snapshot_head = ?, build_cursor = ?, rows = rows + ?,"
                + " events = events + ? WHERE name = ? AND version = ?", head, cursor, rows, events, name, version);
    }

    public void recordPosition(String name, int version, LogPosition reached, long events) {
        jdbc.update("UPDATE userstore.projection_version SET position = ?, gaps = ?, events = events + ?"
                        + " WHERE name = ? AND version = ?", reached.position(), jdbc.array("bigint", reached.gaps()),
                events, name, version);
    }

    public void markReady(String name, int version, long rows, double seconds) {
        jdbc.update("UPDATE userstore.projection_version SET state = 'ready', gaps = '{}', rows = ?, finished_at = now(),"
                + " seconds = coalesce(seconds, 0) + ?, error = NULL, error_user = NULL, error_column = NULL"
                + " WHERE name = ? AND version = ?", rows, seconds, name, version);
    }

    /** A ready version not in service met a value it cannot hold; it waits there (the write went through). */
    public void markBlocked(String name, int version, Problem problem) {
        jdbc.update("UPDATE userstore.projection_version SET blocked_problem = ?, blocked_user = ?, blocked_column = ?"
                + " WHERE name = ? AND version = ?", problem.text(), problem.userId(), problem.column(), name, version);
    }

    public void clearBlocked(String name, int version) {
        jdbc.update("UPDATE userstore.projection_version SET blocked_problem = NULL, blocked_user = NULL,"
                + " blocked_column = NULL WHERE name = ? AND version = ? AND blocked_problem IS NOT NULL", name, version);
    }

    /** Time a build spent before it was stopped, so the rate of a resumed build stays true. */
    public void addSeconds(String name, int version, double seconds) {
        jdbc.update("UPDATE userstore.projection_version SET seconds = coalesce(seconds, 0) + ? WHERE name = ? AND version = ?",
                seconds, name, version);
    }

    public void markFailed(String name, int version, Problem problem) {
        jdbc.update("UPDATE userstore.projection_version SET state = 'failed', error = ?, error_user = ?,"
                + " error_column = ?, finished_at = now() WHERE name = ? AND version = ?", problem.text(),
                problem.userId(), problem.column(), name, version);
    }

    public void deleteVersion(String name, int version) {
        jdbc.update("DELETE FROM userstore.projection_version WHERE name = ? AND version = ?", name, version);
    }

    public Optional<Binding> binding(String stableTable) {
        return bindingsWhere("stable_table = ?", stableTable).stream().findFirst();
    }

    public List<Binding> bindings() {
        return bindingsWhere("true");
    }

    private List<Binding> bindingsWhere(String condition, Object... parameters) {
        return jdbc.query("SELECT stable_table, name, version, previous_name, previous_version FROM userstore.projection_binding"
                + " WHERE " + condition, rs -> {
            List<Binding> bindings = new ArrayList<>();
            while (rs.next()) {
                bindings.add(new Binding(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        (Integer) rs.getObject(5)));
            }
            return bindings;
        }, parameters);
    }

    public void bind(String stableTable, String name, int version, String previousName, Integer previousVersion) {
        jdbc.update("INSERT INTO userstore.projection_binding (stable_table, name, version, previous_name, previous_version)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (stable_table) DO UPDATE SET name = excluded.name,"
                + " version = excluded.version, previous_name = excluded.previous_name,"
                + " previous_version = excluded.previous_version, switched_at = now()",
                stableTable, name, version, previousName, previousVersion);
    }

    public void unbind(String stableTable) {
        jdbc.update("DELETE FROM userstore.projection_binding WHERE stable_table = ?", stableTable);
    }

    private static String resource(String name) {
        try (InputStream in = Registry.class.getResourceAsStream("/io/userstore/projections/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

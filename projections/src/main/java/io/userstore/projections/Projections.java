package io.userstore.projections;

import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.store.Jdbc;
import io.userstore.domain.store.StoreSchema;
import io.userstore.projections.engine.LiveProjections;
import io.userstore.projections.engine.ProjectionBuilder;
import io.userstore.domain.Progress;
import io.userstore.projections.engine.Registry;
import io.userstore.projections.engine.Registry.Binding;
import io.userstore.projections.engine.Registry.Version;
import io.userstore.projections.engine.VersionTables;
import io.userstore.projections.engine.WriteGuards;
import io.userstore.projections.spec.ProjectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code projection} verb: create, rebuild, switch, rollback, drop, and what they report.
 * Comparing projections (preview, diff, verify) lives in {@link ProjectionChecks}.
 */
public final class Projections {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Projections.class);

    private final UserStore store;
    private final Registry registry;
    private final ProjectionBuilder builder;
    private final Jdbc jdbc;

    public Projections(UserStore store) {
        this.store = store;
        this.jdbc = new Jdbc(store.transactions());
        this.registry = new Registry(jdbc);
        store.transactions().executeInTransaction(registry::createTables);
        this.builder = new ProjectionBuilder(store, registry);
        store.axon().addCommitHook(new LiveProjections(store.transactions(), builder));
    }

    Registry registry() {
        return registry;
    }

    ProjectionBuilder builder() {
        return builder;
    }

    UserStore store() {
        return store;
    }

    /** Registers a projection and builds its first version; returns that version. */
    public Version create(String name, String specReference, Progress progress) {
        ProjectionSpec spec = SpecFiles.load(specReference);
        if (!spec.name().equals(name)) {
            throw new UserStoreException("the spec " + specReference + " names its projection '" + spec.name()
                    + "'; run `projection create " + spec.name() + " --spec " + specReference + "` or change its name:");
        }
        if (registry.spec(name).isPresent()) {
            throw new UserStoreException("projection " + name + " exists already; `projection rebuild " + name
                    + "` builds it again, `projection drop " + name + "` removes it");
        }
        store.transactions().executeInTransaction(() -> {
            registry.register(spec, specReference);
            registry.startVersion(name, 1);
        });
        builder.build(spec, 1, progress);
        refreshGuards();
        return registry.version(name, 1).orElseThrow();
    }

    /**
     * Replays everything into a fresh version (the one in service keeps serving), or goes on
     * with NAME's build that a crash or Ctrl-C interrupted.
     */
    public Version rebuild(String name, Progress progress) {
        ProjectionSpec spec = spec(name);
        Optional<Version> interrupted = registry.versions(name).stream()
                .filter(v -> v.state().equals("building") && v.version() > 0).reduce((a, b) -> b);
        int version = interrupted.map(Version::version).orElseGet(() -> store.transactions().fetchInTransaction(() -> {
            int next = registry.nextVersion(name);
            registry.startVersion(name, next);
            return next;
        }));
        builder.build(spec, version, progress);
        refreshGuards();
        return registry.version(name, version).orElseThrow();
    }

    /** Goes on with builds a crash or Ctrl-C interrupted (their committed batches are kept). */
    public List<Version> resumeInterrupted(Progress progress) {
        List<Version> resumed = new java.util.ArrayList<>();
        for (Version version : registry.versionsInState("building")) {
            try {
                builder.build(spec(version.name()), version.version(), progress);
                resumed.add(version);
            } catch (UserStoreException e) {
                // being built by another process (which finishes it), or failed (status shows why)
                LOG.warn("could not resume {} v{}: {}", version.name(), version.version(), e.getMessage());
            }
        }
        return resumed;
    }

    /** Publishes the newest ready version of NAME under its stable name, atomically. */
    public Binding switchTo(String name) {
        ProjectionSpec spec = spec(name);
        Version ready = newestReady(name);
        jdbc.inTransaction(connection -> {
            holdAppends(connection);
            Optional<Binding> current = registry.binding(spec.table());
            new VersionTables(spec, ready.version()).publish(connection);
            registry.bind(spec.table(), name, ready.version(), current.map(Binding::name).orElse(null),
                    current.map(Binding::version).orElse(null));
            dropSuperseded(connection, spec, ready.version(), current.filter(b -> b.name().equals(name))
                    .map(Binding::version).orElse(null));
            guard(connection);
        });
        return registry.binding(spec.table()).orElseThrow();
    }

    /** Points TABLE back at the projection version it served before the last switch. */
    public Binding rollback(String table) {
        Binding binding = registry.binding(table).orElseThrow(() -> new UserStoreException("no stable name " + table
                + " is served by a projection; `projection list` shows what serves what"));
        if (binding.previousName() == null) {
            throw new UserStoreException(table + " has served only " + binding.name() + " v" + binding.version()
                    + "; there is nothing to roll back to");
        }
        ProjectionSpec previous = spec(binding.previousName());
        Version version = registry.version(binding.previousName(), binding.previousVersion())
                .filter(v -> v.state().equals("ready")).orElseThrow(() -> new UserStoreException(binding.previousName()
                        + " v" + binding.previousVersion() + " is no longer ready; switch to a projection instead"));
        jdbc.inTransaction(connection -> {
            holdAppends(connection);
            new VersionTables(spec(binding.name()), binding.version()).unpublish(connection);
            new VersionTables(previous, version.version()).publish(connection);
            registry.bind(table, binding.previousName(), binding.previousVersion(), binding.name(), binding.version());
            guard(connection);
        });
        return registry.binding(table).orElseThrow();
    }

    /** Removes a projection and all its tables; refuses one in service unless forced. */
    public void drop(String name, boolean force) {
        ProjectionSpec spec = spec(name);
        Optional<Binding> serving = registry.binding(spec.table()).filter(b -> b.name().equals(name));
        if (serving.isPresent() && !force) {
            throw new UserStoreException("projection " + name + " serves " + spec.table() + "; switch another projection"
                    + " to it first, or `projection drop " + name + " --force` to remove the table applications read");
        }
        jdbc.inTransaction(connection -> {
            holdAppends(connection);
            if (serving.isPresent()) {
                new VersionTables(spec, serving.get().version()).unpublish(connection);
                registry.unbind(spec.table());
            }
            for (Version version : registry.versions(name)) {
                new VersionTables(spec, version.version()).drop(connection);
            }
            registry.unregister(name);
            guard(connection);
        });
    }

    public List<String> names() {
        return registry.names();
    }

    public ProjectionSpec spec(String name) {
        return registry.spec(name).orElseThrow(() -> new UserStoreException("no projection named " + name
                + "; `projection list` shows them"));
    }

    public List<Version> versions(String name) {
        spec(name);
        return registry.versions(name);
    }

    public Optional<Binding> binding(String table) {
        return registry.binding(table);
    }

    /** The rows a version holds now (ready versions change with every append). */
    public long rows(Version version) {
        if (!version.state().equals("ready")) {
            return version.rows();
        }
        String table = new VersionTables(spec(version.name()), version.version()).mainTable();
        return jdbc.query("SELECT count(*) FROM \"" + table + "\"",
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    public long head() {
        return registry.head();
    }

    Version newestReady(String name) {
        List<Version> versions = versions(name);
        return versions.stream().filter(v -> v.state().equals("ready")).reduce((a, b) -> b)
                .orElseThrow(() -> new UserStoreException("projection " + name + " has no ready version ("
                        + versions.get(versions.size() - 1).state() + "); `projection status " + name + "` tells why"));
    }

    /**
     * After a switch, older versions that neither serve nor are the rollback target only cost
     * (every ready version follows every append); their tables go. The events keep everything.
     */
    private void dropSuperseded(Connection connection, ProjectionSpec spec, int serving, Integer previous)
            throws SQLException {
        for (Version version : registry.versions(spec.name())) {
            boolean kept = version.version() == serving || (previous != null && version.version() == previous)
                    || version.version() > serving || !version.state().equals("ready");
            if (!kept) {
                new VersionTables(spec, version.version()).drop(connection);
                registry.deleteVersion(spec.name(), version.version());
            }
        }
    }

    /** Re-arms the write guards of every stable name (after versions became ready or went away). */
    void refreshGuards() {
        jdbc.inTransaction(this::guard);
    }

    private void guard(Connection connection) throws SQLException {
        List<VersionTables> ready = registry.versionsInState("ready").stream()
                .map(v -> new VersionTables(spec(v.name()), v.version())).toList();
        for (Binding binding : registry.bindings()) {
            WriteGuards.guard(connection, new VersionTables(spec(binding.name()), binding.version()), ready);
        }
    }

    /** Appends wait while this transaction re-points views: readers see the old or the new, never a mix. */
    private static void holdAppends(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + StoreSchema.EVENT_TABLE + " IN EXCLUSIVE MODE");
        }
    }
}

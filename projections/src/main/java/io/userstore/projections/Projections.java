package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.log.EventLog;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.Binding;
import io.userstore.projections.api.ProjectionVersion;
import io.userstore.projections.api.SwitchResult;
import io.userstore.projections.api.VersionState;
import io.userstore.projections.engine.LiveProjections;
import io.userstore.projections.engine.ProjectionBuild;
import io.userstore.projections.engine.Registry;
import io.userstore.projections.engine.RowRefresher;
import io.userstore.projections.engine.VersionTables;
import io.userstore.projections.engine.WriteGuards;
import io.userstore.projections.spec.ProjectionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code projection} verb: create, rebuild, switch, rollback, drop, and what they report.
 * Comparing projections (preview, diff, verify) lives in {@link ProjectionChecks}.
 */
public final class Projections {

    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);

    private final UserStore store;
    private final EventLog log;
    private final Registry registry;
    private final ProjectionBuild builds;
    private final Jdbc jdbc;

    public Projections(UserStore store) {
        this.store = store;
        this.log = store.eventLog();
        this.jdbc = new Jdbc(store.transactions());
        this.registry = new Registry(jdbc);
        store.transactions().executeInTransaction(registry::createTables);
        RowRefresher refresher = new RowRefresher(log);
        this.builds = new ProjectionBuild(store.dataSource(), log, registry, refresher, jdbc);
        store.transactions().addCommitHook(new LiveProjections(store.transactions(), refresher));
    }

    Registry registry() {
        return registry;
    }

    ProjectionBuild builds() {
        return builds;
    }

    UserStore store() {
        return store;
    }

    /** Registers a projection and builds its first version; returns it, ready. */
    public ProjectionVersion create(String name, String specReference, Progress progress) {
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
        return build(spec, 1, progress);
    }

    /**
     * Replays everything into a fresh version (the one in service keeps serving), or goes on
     * with NAME's build that a crash or Ctrl-C interrupted.
     */
    public ProjectionVersion rebuild(String name, Progress progress) {
        ProjectionSpec spec = spec(name);
        Optional<Registry.Version> interrupted = registry.versions(name).stream()
                .filter(v -> v.state() == VersionState.BUILDING && v.version() > 0).reduce((a, b) -> b);
        int version = interrupted.map(Registry.Version::version).orElseGet(() -> store.transactions()
                .fetchInTransaction(() -> {
                    int next = registry.nextVersion(name);
                    registry.startVersion(name, next);
                    return next;
                }));
        return build(spec, version, progress);
    }

    /** Goes on with builds a crash or Ctrl-C interrupted (their committed batches are kept). */
    public List<ProjectionVersion> resumeInterrupted(Progress progress) {
        List<ProjectionVersion> resumed = new ArrayList<>();
        for (Registry.Version version : registry.versionsInState(VersionState.BUILDING)) {
            try {
                resumed.add(build(spec(version.name()), version.version(), progress));
            } catch (UserStoreException e) {
                // being built by another process (which finishes it), or failed (status shows why)
                LOG.warn("could not resume {} v{}: {}", version.name(), version.version(), e.getMessage());
            }
        }
        return resumed;
    }

    private ProjectionVersion build(ProjectionSpec spec, int version, Progress progress) {
        builds.build(spec, version, progress);
        refreshGuards();
        return describe(spec, registry.version(spec.name(), version).orElseThrow(), log.head());
    }

    /** Publishes the newest ready version of NAME under its stable name, atomically. */
    public SwitchResult switchTo(String name) {
        ProjectionSpec spec = spec(name);
        Registry.Version ready = newestReady(name);
        jdbc.inTransaction(connection -> {
            log.holdAppends(connection);
            Optional<Binding> current = registry.binding(spec.table());
            new VersionTables(spec, ready.version()).publish(connection);
            registry.bind(spec.table(), name, ready.version(), current.map(Binding::name).orElse(null),
                    current.map(Binding::version).orElse(null));
            dropSuperseded(connection, spec, ready.version(), current.filter(b -> b.name().equals(name))
                    .map(Binding::version).orElse(null));
            guard(connection);
        });
        return new SwitchResult(registry.binding(spec.table()).orElseThrow());
    }

    /** Points TABLE back at the projection version it served before the last switch. */
    public SwitchResult rollback(String table) {
        Binding binding = registry.binding(table).orElseThrow(() -> new UserStoreException("no stable name " + table
                + " is served by a projection; `projection list` shows what serves what"));
        if (binding.previousName() == null) {
            throw new UserStoreException(table + " has served only " + binding.name() + " v" + binding.version()
                    + "; there is nothing to roll back to");
        }
        ProjectionSpec previous = spec(binding.previousName());
        Registry.Version version = registry.version(binding.previousName(), binding.previousVersion())
                .filter(Registry.Version::ready).orElseThrow(() -> new UserStoreException(binding.previousName()
                        + " v" + binding.previousVersion() + " is no longer ready; switch to a projection instead"));
        jdbc.inTransaction(connection -> {
            log.holdAppends(connection);
            new VersionTables(spec(binding.name()), binding.version()).unpublish(connection);
            new VersionTables(previous, version.version()).publish(connection);
            registry.bind(table, binding.previousName(), binding.previousVersion(), binding.name(), binding.version());
            guard(connection);
        });
        return new SwitchResult(registry.binding(table).orElseThrow());
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
            log.holdAppends(connection);
            if (serving.isPresent()) {
                new VersionTables(spec, serving.get().version()).unpublish(connection);
                registry.unbind(spec.table());
            }
            for (Registry.Version version : registry.versions(name)) {
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

    /** NAME's versions, oldest first, with the rows each holds now and how far behind the log it is. */
    public List<ProjectionVersion> versions(String name) {
        ProjectionSpec spec = spec(name);
        long head = log.head();
        return registry.versions(name).stream().map(version -> describe(spec, version, head)).toList();
    }

    public Optional<Binding> binding(String table) {
        return registry.binding(table);
    }

    private ProjectionVersion describe(ProjectionSpec spec, Registry.Version version, long head) {
        long rows = version.ready() ? rows(new VersionTables(spec, version.version()).mainTable()) : version.rows();
        long behind = version.ready() ? 0 : Math.max(0, head - (version.position() == null ? 0 : version.position()));
        return new ProjectionVersion(version.name(), version.version(), version.state(), rows, version.events(), behind,
                version.startedAt(), version.finishedAt(), version.seconds(), version.error());
    }

    private long rows(String table) {
        return jdbc.query("SELECT count(*) FROM \"" + table + "\"", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    Registry.Version newestReady(String name) {
        List<Registry.Version> versions = registry.versions(name);
        if (versions.isEmpty()) {
            spec(name);
        }
        return versions.stream().filter(Registry.Version::ready).reduce((a, b) -> b)
                .orElseThrow(() -> new UserStoreException("projection " + name + " has no ready version ("
                        + versions.get(versions.size() - 1).state().label() + "); `projection status " + name
                        + "` tells why"));
    }

    /**
     * After a switch, older versions that neither serve nor are the rollback target only cost
     * (every ready version follows every append); their tables go. The events keep everything.
     */
    private void dropSuperseded(Connection connection, ProjectionSpec spec, int serving, Integer previous)
            throws SQLException {
        for (Registry.Version version : registry.versions(spec.name())) {
            boolean kept = version.version() == serving || (previous != null && version.version() == previous)
                    || version.version() > serving || !version.ready();
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
        List<VersionTables> ready = registry.versionsInState(VersionState.READY).stream()
                .map(v -> new VersionTables(spec(v.name()), v.version())).toList();
        for (Binding binding : registry.bindings()) {
            WriteGuards.guard(connection, new VersionTables(spec(binding.name()), binding.version()), ready);
        }
    }
}

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
import io.userstore.projections.engine.LegacyViews;
import io.userstore.projections.engine.LiveProjections;
import io.userstore.projections.engine.Problems;
import io.userstore.projections.engine.ProjectionBuild;
import io.userstore.projections.engine.Publisher;
import io.userstore.projections.engine.Registry;
import io.userstore.projections.engine.RowRefresher;
import io.userstore.projections.engine.SqlNames;
import io.userstore.projections.engine.TableTriggers;
import io.userstore.projections.engine.VersionTables;
import io.userstore.projections.spec.ProjectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every {@code projection} verb: create, rebuild, switch, rollback, drop, and what they report.
 * Comparing projections (preview, diff, verify) lives in {@link ProjectionChecks}.
 */
public final class Projections {

    /** The version {@code verify} builds in scratch tables; never a real version, never resumed. */
    static final int SCRATCH_VERSION = 0;

    private final UserStore store;
    private final EventLog log;
    private final Registry registry;
    private final ProjectionBuild builds;
    private final Publisher publisher;
    private final Problems problems;
    private final RowRefresher refresher;
    private final Jdbc jdbc;

    public Projections(UserStore store) {
        this.store = store;
        this.log = store.eventLog();
        this.jdbc = new Jdbc(store.transactions());
        this.registry = new Registry(jdbc);
        this.refresher = new RowRefresher(log);
        this.builds = new ProjectionBuild(store.dataSource(), log, registry, refresher, jdbc);
        this.publisher = new Publisher(jdbc, log, builds.follower(), this::servingTables);
        this.problems = new Problems(log, jdbc);
        jdbc.inTransaction(connection -> {
            registry.createTables();
            if (LegacyViews.convert(connection, registry.bindings(), this::spec)) {
                List<VersionTables> serving = servingTables();
                for (VersionTables tables : serving) {
                    TableTriggers.install(connection, serving, tables);
                }
            }
        });
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

    /**
     * Registers the projection NAME and builds its first version; returns it, ready. NAME wins
     * over the spec's own {@code name:}, which may be left out.
     */
    public ProjectionVersion create(String name, String specReference, Progress progress) {
        ProjectionSpec spec = SpecFiles.load(specReference, name, foreignTables());
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

    /** NAME's build that a crash or Ctrl-C interrupted, if there is one: {@code rebuild} goes on with it. */
    public Optional<ProjectionVersion> interrupted(String name) {
        ProjectionSpec spec = spec(name);
        return interruptedVersion(name).map(version -> describe(spec, version, log.head()));
    }

    private Optional<Registry.Version> interruptedVersion(String name) {
        return registry.versions(name).stream()
                .filter(v -> v.state() == VersionState.BUILDING && v.version() != SCRATCH_VERSION).reduce((a, b) -> b);
    }

    /**
     * Replays everything into a fresh version (the one in service keeps serving), or goes on
     * with NAME's build that a crash or Ctrl-C interrupted (see {@link #interrupted}).
     */
    public ProjectionVersion rebuild(String name, Progress progress) {
        ProjectionSpec spec = spec(name);
        int version = interruptedVersion(name).map(Registry.Version::version).orElseGet(() -> store.transactions()
                .fetchInTransaction(() -> {
                    int next = registry.nextVersion(name);
                    registry.startVersion(name, next);
                    return next;
                }));
        return build(spec, version, progress);
    }

    private ProjectionVersion build(ProjectionSpec spec, int version, Progress progress) {
        builds.build(spec, version, progress);
        return describe(spec, registry.version(spec.name(), version).orElseThrow(), log.head());
    }

    /** Publishes the newest ready version of NAME under its stable name, atomically. */
    public SwitchResult switchTo(String name) {
        ProjectionSpec spec = spec(name);
        Registry.Version ready = newestReady(name);
        Optional<Binding> current = registry.binding(spec.table());
        if (current.isPresent() && current.get().name().equals(name) && current.get().version() == ready.version()) {
            throw new UserStoreException(spec.table() + " serves " + name + " v" + ready.version() + " already;"
                    + " `projection rebuild " + name + "` makes a newer version to switch to");
        }
        long started = System.nanoTime();
        Optional<VersionTables> serving = current.map(this::servingTables);
        Integer previousOfSame = current.filter(b -> b.name().equals(name)).map(Binding::version).orElse(null);
        Publisher.Moved moved = publisher.publish(new VersionTables(spec, ready.version(), false), serving, connection -> {
            registry.bind(spec.table(), name, ready.version(), current.map(Binding::name).orElse(null),
                    current.map(Binding::version).orElse(null));
            dropSuperseded(connection, spec, ready.version(), previousOfSame);
        });
        return new SwitchResult(registry.binding(spec.table()).orElseThrow(), moved.foreignKeys(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Points TABLE back at the projection version it served before the last switch. */
    public SwitchResult rollback(String table) {
        Binding binding = registry.binding(table).orElseThrow(() -> new UserStoreException("no stable name " + table
                + " is served by a projection; `projection list` shows what serves what"));
        if (binding.previousName() == null) {
            throw new UserStoreException(table + " has served only " + binding.name() + " v" + binding.version()
                    + "; there is nothing to roll back to");
        }
        long started = System.nanoTime();
        ProjectionSpec previous = spec(binding.previousName());
        Registry.Version version = registry.version(binding.previousName(), binding.previousVersion())
                .filter(Registry.Version::ready).orElseThrow(() -> new UserStoreException(binding.previousName()
                        + " v" + binding.previousVersion() + " is no longer ready; switch to a projection instead"));
        Publisher.Moved moved = publisher.publish(new VersionTables(previous, version.version(), false),
                Optional.of(servingTables(binding)), connection -> registry.bind(table, binding.previousName(),
                        binding.previousVersion(), binding.name(), binding.version()));
        return new SwitchResult(registry.binding(table).orElseThrow(), moved.foreignKeys(),
                (System.nanoTime() - started) / 1e9);
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
            for (Registry.Version version : registry.versions(name)) {
                tables(spec, version.version()).drop(connection);
            }
            serving.ifPresent(binding -> registry.unbind(spec.table()));
            registry.unregister(name);
            if (serving.isPresent()) {
                TableTriggers.install(connection, servingTables(), null);
            }
        });
    }

    /**
     * Hands TABLE back: it stays where it is, a plain table with its rows and the foreign keys that
     * point at it (its child tables too), and userstore no longer maintains it; the projection
     * serving it and its other versions go, the events stay. Returns the tables handed back.
     */
    public List<String> release(String table) {
        Binding binding = registry.binding(table).orElseThrow(() -> new UserStoreException(table + " is not served by"
                + " userstore; `projection list` shows what is"));
        ProjectionSpec spec = spec(binding.name());
        VersionTables serving = servingTables(binding);
        jdbc.inTransaction(connection -> {
            log.holdAppends(connection);
            TableTriggers.detach(connection, serving);
            for (Registry.Version version : registry.versions(binding.name())) {
                if (version.version() != binding.version()) {
                    new VersionTables(spec, version.version(), false).drop(connection);
                }
            }
            registry.unbind(table);
            registry.unregister(binding.name());
            TableTriggers.install(connection, servingTables(), null);
        });
        return serving.names();
    }

    public List<String> names() {
        return registry.names();
    }

    public ProjectionSpec spec(String name) {
        return registry.spec(name).orElseThrow(() -> new UserStoreException("no projection named " + name
                + "; `projection list` shows them"));
    }

    /**
     * NAME's versions, oldest first, with the rows each holds now and how far behind the log it is.
     * Ready versions not in service are brought up to the head first (they follow the log when
     * looked at, and when switched to); one that meets a value it cannot hold says so.
     */
    public List<ProjectionVersion> versions(String name) {
        ProjectionSpec spec = spec(name);
        jdbc.inTransaction(connection -> refresher.refreshQueued(connection, servingTables()));
        for (Registry.Version version : registry.versions(name)) {
            VersionTables tables = tables(spec, version.version());
            if (version.ready() && !tables.serving()) {
                builds.follower().catchUp(tables);
            }
        }
        long head = log.head();
        return registry.versions(name).stream().filter(v -> v.version() != SCRATCH_VERSION)
                .map(version -> describe(spec, version, head)).toList();
    }

    public Optional<Binding> binding(String table) {
        return registry.binding(table);
    }

    private ProjectionVersion describe(ProjectionSpec spec, Registry.Version version, long head) {
        VersionTables tables = tables(spec, version.version());
        long rows = version.ready() ? jdbc.query("SELECT count(*) FROM " + tables.main(),
                rs -> rs.next() ? rs.getLong(1) : 0L) : version.rows();
        long behind = tables.serving() ? 0 : Math.max(0, head - (version.position() == null ? 0 : version.position()));
        String error = version.error() != null ? problems.describe(spec, version.error())
                : version.blocked() == null ? null : "blocked: " + problems.describe(spec, version.blocked());
        return new ProjectionVersion(version.name(), version.version(), version.state(), rows, version.events(), behind,
                version.startedAt(), version.finishedAt(), version.seconds(), error);
    }

    /** A version's tables under the names they have now (stable names when it serves). */
    VersionTables tables(ProjectionSpec spec, int version) {
        boolean serving = registry.binding(spec.table())
                .filter(b -> b.name().equals(spec.name()) && b.version() == version).isPresent();
        return new VersionTables(spec, version, serving);
    }

    private VersionTables servingTables(Binding binding) {
        return new VersionTables(spec(binding.name()), binding.version(), true);
    }

    /** Every version in service, under its stable names. */
    /** Tables of the applications' schema that userstore does not maintain: a spec may not name them. */
    private Predicate<String> foreignTables() {
        Set<String> ours = servingTables().stream().flatMap(tables -> tables.names().stream()).collect(Collectors.toSet());
        Set<String> existing = new HashSet<>(jdbc.strings("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ?", SqlNames.TABLE_SCHEMA));
        return table -> existing.contains(table) && !ours.contains(table);
    }

    List<VersionTables> servingTables() {
        return registry.bindings().stream().map(this::servingTables).toList();
    }

    Registry.Version newestReady(String name) {
        List<Registry.Version> versions = registry.versions(name).stream()
                .filter(v -> v.version() != SCRATCH_VERSION).toList();
        if (versions.isEmpty()) {
            spec(name);
        }
        return versions.stream().filter(Registry.Version::ready).reduce((a, b) -> b)
                .orElseThrow(() -> new UserStoreException("projection " + name + " has no ready version ("
                        + versions.get(versions.size() - 1).state().label() + "); `projection status " + name
                        + "` tells why"));
    }

    /**
     * After a switch, older versions that neither serve nor are the rollback target only cost;
     * their tables go. The events keep everything.
     */
    private void dropSuperseded(Connection connection, ProjectionSpec spec, int serving, Integer previous)
            throws SQLException {
        for (Registry.Version version : registry.versions(spec.name())) {
            boolean kept = version.version() == serving || (previous != null && version.version() == previous)
                    || version.version() > serving || !version.ready();
            if (!kept) {
                new VersionTables(spec, version.version(), false).drop(connection);
                registry.deleteVersion(spec.name(), version.version());
            }
        }
    }
}

package io.userstore.projections;

import io.userstore.domain.Counted;
import io.userstore.domain.Progress;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.django.DjangoImporter;
import io.userstore.domain.log.LogPosition;
import io.userstore.domain.tx.Jdbc;
import io.userstore.projections.api.Binding;
import io.userstore.projections.django.DjangoDatabase;
import io.userstore.projections.django.DjangoModel;
import io.userstore.projections.engine.InPlaceBuild;
import io.userstore.projections.engine.Registry;
import io.userstore.projections.engine.TableTriggers;
import io.userstore.projections.engine.Takeover;
import io.userstore.projections.engine.VersionTables;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Child;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code django adopt}: hands a live Django database to userstore in place, in one transaction.
 * Django's auth tables are locked against writers (readers go on), imported, and a projection
 * shaped as Django's ORM reads it (the model's table and its two many-to-many tables, with
 * Django's ids for groups and permissions) is built and put in their place, the old tables kept
 * as a backup and every foreign key pointing at the new ones. For a custom model,
 * {@code django_content_type} and {@code django_migrations} are brought along as the hand-written
 * recipes do. Nothing of it is half done: it commits whole or not at all.
 */
public final class DjangoAdoption {

    /** What an adoption did (or, for a dry run, would do), step by step. */
    public record Outcome(boolean changed, List<String> steps) {
    }

    private static final String DEFAULT_SPEC = "builtin:django_auth_user";
    private static final int LOCK_TIMEOUT_MILLIS = 5000;

    private final Projections projections;
    private final Jdbc jdbc;

    public DjangoAdoption(Projections projections) {
        this.projections = projections;
        this.jdbc = new Jdbc(projections.store().transactions());
    }

    /**
     * @param modelName     {@code APP_LABEL.MODEL}, null for Django's own {@code auth.User}
     * @param specReference the spec of the projection (null: builtin:django_auth_user)
     * @param say           told each step as it is done
     */
    public Outcome adopt(String modelName, String specReference, boolean dryRun, Progress progress, Consumer<String> say) {
        DjangoModel model = DjangoModel.parse(modelName);
        String reference = specReference == null ? DEFAULT_SPEC : specReference;
        ProjectionSpec spec = DjangoDatabase.shapedSpec(reference, model);
        Optional<Binding> served = projections.binding(model.table());
        if (served.isPresent()) {
            String nothing = "nothing to do: " + model.table() + " is served by userstore already (" + served.get().name()
                    + " v" + served.get().version() + "); `django release " + model.table() + "` hands it back";
            say.accept(nothing);
            return new Outcome(false, List.of(nothing));
        }
        if (projections.names().contains(spec.name())) {
            throw new UserStoreException("a projection named " + spec.name() + " exists already; drop it, or adopt with a"
                    + " spec of another name (--spec)");
        }
        DjangoDatabase django = new DjangoDatabase(model);
        List<String> steps = new ArrayList<>();
        Consumer<String> step = text -> {
            steps.add(text);
            say.accept(text);
        };
        if (dryRun) {
            jdbc.inTransaction(connection -> django.plan(connection, spec).forEach(step));
            return new Outcome(false, steps);
        }
        Takeover.Result[] takeover = {null};
        jdbc.inTransaction(connection -> takeover[0] = adoptLocked(connection, model, django, spec, reference, progress, step));
        Takeover.validate(jdbc, takeover[0]);
        return new Outcome(true, steps);
    }

    private Takeover.Result adoptLocked(Connection connection, DjangoModel model, DjangoDatabase django,
                                        ProjectionSpec spec, String reference, Progress progress, Consumer<String> step)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT_MILLIS + "ms'");
        }
        django.check(connection);
        django.lockAgainstWriters(connection);
        projections.store().eventLog().holdAppends(connection);
        step.accept("locked Django's auth tables against writers until the adoption commits (readers go on)");

        DjangoImporter.Outcome imported = new DjangoImporter(projections.store())
                .importInPlace(connection, "the Django tables", progress);
        step.accept("imported " + Counted.of(imported.imported(), "user") + (imported.alreadyImported() == 0 ? ""
                : " (" + imported.alreadyImported() + (imported.alreadyImported() == 1 ? " was" : " were")
                + " imported before)") + " with their groups and direct"
                + " permissions" + (imported.groupPermissions() == 0 ? "" : "; " + Counted.of(imported.groupPermissions(),
                "group permission") + " stay in auth_group_permissions"));

        if (!model.isAuthUser()) {
            django.moveContentType(connection, projections.store().users()).forEach(step);
        }

        Registry registry = projections.registry();
        registry.register(spec, reference);
        registry.startVersion(spec.name(), 1);
        long started = System.nanoTime();
        VersionTables tables = new VersionTables(spec, 1, false);
        InPlaceBuild.Built built = new InPlaceBuild(projections.store().eventLog()).build(connection, tables, progress);
        projections.store().transactions().current().orElseThrow().rowsAreCurrent();
        registry.recordPosition(spec.name(), 1, new LogPosition(
                projections.store().eventLog().head(connection), new Long[0]), built.events());
        registry.markReady(spec.name(), 1, built.rows(), (System.nanoTime() - started) / 1e9);
        step.accept("built " + spec.table() + " (" + spec.name() + " v1): " + Counted.of(built.rows(), "row") + ", "
                + childCounts(connection, tables));

        Takeover.Result result = Takeover.takeOver(connection, tables, DjangoDatabase.USER_TABLE,
                joinTables());
        step.accept("kept the old tables as " + String.join(", ", result.backups()));
        step.accept(result.movedKeys().isEmpty() ? "no foreign keys pointed at the old tables"
                : "pointed " + Counted.of(result.movedKeys().size(), "foreign key")
                + " at the new tables: " + String.join("; ", result.movedKeys()));
        registry.bind(spec.table(), spec.name(), 1, null, null);
        List<VersionTables> serving = projections.servingTables();
        TableTriggers.install(connection, serving, serving.stream()
                .filter(version -> version.spec().name().equals(spec.name())).findFirst().orElseThrow());

        if (!model.isAuthUser()) {
            step.accept(django.recordInitialMigration(connection));
        }
        step.accept(spec.table() + " now serves " + spec.name() + " v1: every write to it becomes an event"
                + " (`django release " + spec.table() + "` hands it back)");
        return result;
    }

    /** Django's join tables by the child source that replaces each, in the order steps name them. */
    private static Map<String, String> joinTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("groups", DjangoDatabase.GROUPS_TABLE);
        tables.put("permissions", DjangoDatabase.PERMISSIONS_TABLE);
        return tables;
    }

    private static String childCounts(Connection connection, VersionTables tables) throws SQLException {
        List<String> counts = new ArrayList<>();
        for (Child child : tables.spec().children()) {
            try (Statement statement = connection.createStatement();
                 var rs = statement.executeQuery("SELECT count(*) FROM " + tables.child(child))) {
                rs.next();
                counts.add(child.table() + ": " + Counted.of(rs.getLong(1), "row"));
            }
        }
        return String.join(", ", counts);
    }
}

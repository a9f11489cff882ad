package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.projections.Projections;
import io.userstore.projections.api.ProjectionVersion;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code projection list} (every version) and {@code projection status [NAME]} (the newest of each). */
public final class ProjectionList {

    private ProjectionList() {
    }

    static List<Map<String, Object>> rows(Projections projections, List<String> names, boolean newestOnly) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            ProjectionSpec spec = projections.spec(name);
            String serving = projections.binding(spec.table())
                    .filter(b -> b.name().equals(name)).map(b -> spec.table() + "@v" + b.version()).orElse("");
            List<ProjectionVersion> versions = projections.versions(name);
            for (ProjectionVersion version : newestOnly ? versions.subList(versions.size() - 1, versions.size()) : versions) {
                String servingThis = serving.endsWith("@v" + version.version()) ? spec.table() : "";
                rows.add(VersionFields.of(version, servingThis));
            }
        }
        return rows;
    }

    @Command(name = "list", description = "Every projection version, its state and what it serves.")
    public static final class All implements Callable<Result> {
        private final ShellContext context;

        public All(ShellContext context) {
            this.context = context;
        }

        @Override
        public Result call() {
            Projections projections = context.projections();
            return new Result.Rows(VersionFields.COLUMNS, rows(projections, projections.names(), false),
                    List.of("projection", "version", "state", "serving", "rows", "events"));
        }
    }

    @Command(name = "status", description = "State, events behind the head, rows and rate of the newest versions.")
    public static final class Status implements Callable<Result> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
        String name;

        private final ShellContext context;

        public Status(ShellContext context) {
            this.context = context;
        }

        @Override
        public Result call() {
            Projections projections = context.projections();
            List<String> names = name == null ? projections.names() : List.of(name);
            return new Result.Rows(VersionFields.COLUMNS, rows(projections, names, true),
                    List.of("projection", "version", "state", "serving", "rows", "behind", "events_per_second", "error"));
        }
    }
}

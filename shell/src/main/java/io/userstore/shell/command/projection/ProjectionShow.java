package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.projections.Projections;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", description = "A projection's spec, versions and the stable name it serves.")
public final class ProjectionShow implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
    String name;

    private final ShellContext context;

    public ProjectionShow(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        Projections projections = context.projections();
        ProjectionSpec spec = projections.spec(name);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", spec.name());
        fields.put("table", spec.table());
        fields.put("columns", spec.columns().stream().map(ProjectionShow::describe).toList());
        fields.put("children", spec.children().stream().map(c -> c.table() + " from " + c.from()).toList());
        fields.put("where", spec.where());
        fields.put("serving", projections.binding(spec.table()).map(b -> b.name() + " v" + b.version()).orElse(null));
        fields.put("versions", ProjectionList.rows(projections, List.of(name), false).stream()
                .map(v -> "v" + v.get("version") + " " + v.get("state") + " " + v.get("rows") + " rows").toList());
        return new Result.Record(fields);
    }

    private static String describe(Column column) {
        return column.name() + " " + column.type().sql() + " from " + column.source()
                + (column.primaryKey() ? " primary key" : "") + (column.unique() ? " unique" : "");
    }
}

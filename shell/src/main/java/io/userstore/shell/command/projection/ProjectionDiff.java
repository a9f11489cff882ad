package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.projections.ProjectionChecks;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "diff", description = {"Rows and columns that differ between two projections, by primary key.",
        "Compares the columns both have; (row) marks a row only one of them has."})
public final class ProjectionDiff implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
    String name;

    @Parameters(index = "1", paramLabel = "OTHER", completionCandidates = Candidates.ProjectionNames.class)
    String other;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100")
    int limit;

    private final ShellContext context;

    public ProjectionDiff(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        List<String> columns = List.of("key", "column", name, other);
        List<Map<String, Object>> rows = new ProjectionChecks(context.projections()).diff(name, other, limit).stream()
                .map(d -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", d.key());
                    row.put("column", d.column());
                    row.put(name, d.left());
                    row.put(other, d.right());
                    return row;
                }).toList();
        return new Result.Rows(columns, rows, columns);
    }
}

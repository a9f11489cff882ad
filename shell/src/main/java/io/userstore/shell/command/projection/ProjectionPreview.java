package io.userstore.shell.command.projection;

import io.userstore.domain.UserStoreException;
import io.userstore.projections.ProjectionChecks;
import io.userstore.projections.SpecFiles;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "preview", description = "The first rows a spec would give; nothing is written.")
public final class ProjectionPreview implements Callable<Result> {

    @Option(names = "--spec", required = true, paramLabel = "FILE")
    Path spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10")
    int limit;

    private final ShellContext context;

    public ProjectionPreview(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        if (limit < 1) {
            throw new UserStoreException("--limit must be at least 1");
        }
        ProjectionChecks checks = new ProjectionChecks(context.projections());
        ProjectionSpec parsed = SpecFiles.load(spec.toString());
        List<String> columns = parsed.columns().stream().map(Column::name).toList();
        List<Map<String, Object>> rows = checks.preview(parsed, limit).stream().map(values -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values[i]);
            }
            return row;
        }).toList();
        return new Result.Rows(columns, rows, columns);
    }
}

package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.projections.ProjectionChecks;
import io.userstore.projections.api.Verification;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", description = "Rebuilds NAME in scratch tables and compares them with the live ones.")
public final class ProjectionVerify implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
    String name;

    private final ShellContext context;

    public ProjectionVerify(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        Verification verification = new ProjectionChecks(context.projections()).verify(name, context.progress());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("projection", name);
        fields.put("version", verification.version());
        fields.put("rows", verification.rows());
        fields.put("differing_rows", verification.differingRows());
        return new Result.Verdict(verification.equal() ? "ok" : "differs", verification.equal(), fields);
    }
}

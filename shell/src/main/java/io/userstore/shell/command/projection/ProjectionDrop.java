package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "drop", description = "Removes a projection and all its tables (not one in service, unless --force).")
public final class ProjectionDrop implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
    String name;

    @Option(names = "--force", description = "Also when it serves its stable name (the table under that name goes too).")
    boolean force;

    private final ShellContext context;

    public ProjectionDrop(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.projections().drop(name, force);
        return new Result.Message("dropped " + name);
    }
}

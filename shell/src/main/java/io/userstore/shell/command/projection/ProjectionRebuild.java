package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "rebuild", description = {"Replays everything into a fresh version of NAME.",
        "The version in service keeps serving; `projection switch NAME` publishes the new one."})
public final class ProjectionRebuild implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
    String name;

    private final ShellContext context;

    public ProjectionRebuild(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        boolean resuming = context.projections().interrupted(name).isPresent();
        return new Result.Message(VersionFields.summary(resuming ? "went on with the interrupted build and finished"
                : "rebuilt", context.projections().rebuild(name, context.progress())));
    }
}

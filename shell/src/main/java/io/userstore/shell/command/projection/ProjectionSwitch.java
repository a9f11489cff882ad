package io.userstore.shell.command.projection;

import io.userstore.shell.command.Candidates;
import io.userstore.projections.api.Binding;
import io.userstore.projections.api.SwitchResult;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "switch", description = {"Publishes NAME's newest ready version under its stable name, atomically.",
        "Readers see the old table or the new one, never an error; `projection rollback TABLE` goes back."})
public final class ProjectionSwitch implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Candidates.ProjectionNames.class)
    String name;

    private final ShellContext context;

    public ProjectionSwitch(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        SwitchResult result = context.projections().switchTo(name);
        Binding binding = result.now();
        return new Result.Message(binding.stableTable() + " now serves " + binding.name() + " v" + binding.version()
                + (binding.previousName() == null ? "" : " (was " + binding.previousName() + " v"
                + binding.previousVersion() + ")") + VersionFields.movedKeys(result));
    }
}

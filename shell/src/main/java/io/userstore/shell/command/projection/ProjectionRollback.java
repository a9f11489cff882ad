package io.userstore.shell.command.projection;

import io.userstore.projections.api.Binding;
import io.userstore.projections.api.SwitchResult;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "rollback", description = "Points TABLE back at the projection version it served before.")
public final class ProjectionRollback implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    private final ShellContext context;

    public ProjectionRollback(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        SwitchResult result = context.projections().rollback(table);
        Binding binding = result.now();
        return new Result.Message(table + " serves " + binding.name() + " v" + binding.version() + " again (was "
                + binding.previousName() + " v" + binding.previousVersion() + ")" + VersionFields.movedKeys(result));
    }
}

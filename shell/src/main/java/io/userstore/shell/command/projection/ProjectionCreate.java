package io.userstore.shell.command.projection;

import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "create", description = {"Registers a projection and builds it by replaying every event.",
        "Returns when it has caught up with the log; --spec builtin:NAME uses a spec shipped with userstore."})
public final class ProjectionCreate implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "YAML or JSON, or builtin:django_auth_user, builtin:custom_user, builtin:profile.")
    String spec;

    private final ShellContext context;

    public ProjectionCreate(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        return new Result.Message(VersionFields.summary("built",
                context.projections().create(name, spec, context.progress())));
    }
}

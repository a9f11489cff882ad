package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "deactivate", description = "Stops a user from logging in.")
public final class UserDeactivate implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    private final ShellContext context;

    public UserDeactivate(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().activate(username, false);
        return new Result.Message("deactivated " + username);
    }
}

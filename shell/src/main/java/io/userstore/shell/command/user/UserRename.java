package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "rename", description = "Changes a username.")
public final class UserRename implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Parameters(index = "1", paramLabel = "NEW_USERNAME")
    String newUsername;

    private final ShellContext context;

    public UserRename(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().rename(username, newUsername);
        return new Result.Message("renamed " + username + " to " + newUsername);
    }
}

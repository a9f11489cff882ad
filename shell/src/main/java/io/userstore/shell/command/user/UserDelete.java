package io.userstore.shell.command.user;

import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.command.Candidates;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "delete",
        description = {"The user leaves every projection, and its username is free again.",
                "Its history stays in the log (`user history '#ID'`); rows of applications that point at it"
                        + " follow their foreign key (refused unless it cascades)."})
public final class UserDelete implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    private final ShellContext context;

    public UserDelete(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().delete(username);
        return new Result.Message("deleted " + username);
    }
}

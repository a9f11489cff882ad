package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "forget",
        description = {"Irreversibly erases a user's personal data (its key is deleted) and frees its username.",
                "Its events stay; their personal fields can never be read again."})
public final class UserForget implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    private final ShellContext context;

    public UserForget(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().forget(username);
        return new Result.Message("forgot " + username);
    }
}

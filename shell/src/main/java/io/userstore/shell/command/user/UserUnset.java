package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "unset", description = "Removes custom attributes.")
public final class UserUnset implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", completionCandidates = Candidates.AttributeKeys.class)
    List<String> keys = new ArrayList<>();

    private final ShellContext context;

    public UserUnset(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().unset(username, keys);
        return new Result.Message("updated " + username);
    }
}

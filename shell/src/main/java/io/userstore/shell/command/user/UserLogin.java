package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.domain.user.UserRules;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "login", description = "Records a login (last_login).")
public final class UserLogin implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Option(names = "--at", paramLabel = "TIMESTAMP", description = "ISO-8601; now when left out.")
    String at;

    private final ShellContext context;

    public UserLogin(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().recordLogin(username, at == null ? null : UserRules.timestamp("--at", at));
        return new Result.Message("recorded a login of " + username);
    }
}

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

@Command(name = "show",
        description = {"Shows a user, now or as it was at an instant (rebuilt from its events).",
                "A forgotten user can be named by its id, quoted: '#42' (a bare # starts a comment)."})
public final class UserShow implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Option(names = "--as-of", paramLabel = "TIMESTAMP", description = "ISO-8601, e.g. 2025-05-01T12:00:00Z.")
    String asOf;

    private final ShellContext context;

    public UserShow(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        return new Result.Record(UserFields.of(context.store().queries().show(username,
                asOf == null ? null : UserRules.timestamp("--as-of", asOf))));
    }
}

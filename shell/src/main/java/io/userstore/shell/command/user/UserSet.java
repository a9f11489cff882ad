package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.domain.user.UserChanges;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "set",
        description = {"Sets fields and custom attributes.",
                "email, first_name, last_name, is_active, is_staff, is_superuser are fields;"
                        + " any other KEY ([a-z][a-z0-9_]{0,62}) is an attribute."})
public final class UserSet implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", completionCandidates = Candidates.Assignments.class)
    List<String> assignments = new ArrayList<>();

    private final ShellContext context;

    public UserSet(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        context.store().users().set(username, UserChanges.assignments(assignments));
        return new Result.Message("updated " + username);
    }
}

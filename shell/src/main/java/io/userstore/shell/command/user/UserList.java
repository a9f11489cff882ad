package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.user.UserChanges;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list",
        description = {"Lists users in id order.",
                "--where takes a field, an attribute, group=NAME or permission=APP.CODENAME; all must match."})
public final class UserList implements Callable<Result> {

    @Option(names = "--limit", paramLabel = "N")
    Integer limit;

    @Option(names = "--where", paramLabel = "KEY=VALUE", completionCandidates = Candidates.Assignments.class)
    List<String> where = new ArrayList<>();

    private final ShellContext context;

    public UserList(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        if (limit != null && limit < 0) {
            throw new UserStoreException("--limit " + limit + " is negative; give 0 or more");
        }
        Map<String, String> filters = UserChanges.assignments(where);
        List<Map<String, Object>> rows = context.store().queries().list(limit == null ? -1 : limit, filters)
                .stream().map(UserFields::of).toList();
        return new Result.Rows(UserFields.ALL, rows, UserFields.TABLE);
    }
}

package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "history", description = "Every event of a user, oldest first.")
public final class UserHistory implements Callable<Result>, Batchable {

    private static final List<String> COLUMNS = List.of("sequence", "at", "event", "details");

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    private final ShellContext context;

    public UserHistory(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        List<Map<String, Object>> rows = context.store().queries().history(username).stream().map(entry -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sequence", entry.sequence());
            row.put("at", entry.at());
            row.put("event", entry.event());
            row.put("details", entry.details());
            return row;
        }).toList();
        return new Result.Rows(COLUMNS, rows, COLUMNS);
    }
}

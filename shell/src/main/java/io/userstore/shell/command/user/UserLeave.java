package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "leave", description = "Removes the user from groups.")
public final class UserLeave extends MembershipCommand {

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "GROUP", completionCandidates = Candidates.Groups.class)
    List<String> names = new ArrayList<>();

    public UserLeave(ShellContext context) {
        super(context);
    }

    @Override
    public Result call() {
        context.store().users().leave(username, names);
        return new Result.Message(username + " left " + String.join(", ", names));
    }
}

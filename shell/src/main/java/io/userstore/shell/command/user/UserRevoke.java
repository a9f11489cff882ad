package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "revoke", description = "Revokes permissions.")
public final class UserRevoke extends MembershipCommand {

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PERMISSION", completionCandidates = Candidates.Permissions.class)
    List<String> names = new ArrayList<>();

    public UserRevoke(ShellContext context) {
        super(context);
    }

    @Override
    public Result call() {
        context.store().users().revoke(username, names);
        return new Result.Message(username + " revoked " + String.join(", ", names));
    }
}

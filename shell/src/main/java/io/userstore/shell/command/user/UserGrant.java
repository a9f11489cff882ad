package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "grant", description = "Grants permissions (app_label.codename).")
public final class UserGrant extends MembershipCommand {

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PERMISSION", completionCandidates = Candidates.Permissions.class)
    List<String> names = new ArrayList<>();

    public UserGrant(ShellContext context) {
        super(context);
    }

    @Override
    public Result call() {
        context.store().users().grant(username, names);
        return new Result.Message(username + " granted " + String.join(", ", names));
    }
}

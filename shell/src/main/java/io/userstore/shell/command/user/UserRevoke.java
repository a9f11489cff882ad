package io.userstore.shell.command.user;

import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;

@Command(name = "revoke", description = "Revokes permissions.")
public final class UserRevoke extends MembershipCommand {

    public UserRevoke(ShellContext context) {
        super(context);
    }

    @Override
    public Result call() {
        context.store().users().revoke(username, names);
        return new Result.Message(username + " revoked " + String.join(", ", names));
    }
}

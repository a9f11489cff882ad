package io.userstore.shell.command.user;

import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;

@Command(name = "leave", description = "Removes the user from groups.")
public final class UserLeave extends MembershipCommand {

    public UserLeave(ShellContext context) {
        super(context);
    }

    @Override
    public Result call() {
        context.store().users().leave(username, names);
        return new Result.Message(username + " left " + String.join(", ", names));
    }
}

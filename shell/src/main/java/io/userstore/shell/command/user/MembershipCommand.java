package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** The shape shared by join, leave, grant and revoke: a user, then one or more names. */
abstract class MembershipCommand implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    final ShellContext context;

    MembershipCommand(ShellContext context) {
        this.context = context;
    }
}

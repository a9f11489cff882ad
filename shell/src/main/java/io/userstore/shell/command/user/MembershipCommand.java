package io.userstore.shell.command.user;

import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The shape shared by join, leave, grant and revoke: a user and one or more names. */
abstract class MembershipCommand implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = UsernameCandidates.class)
    String username;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    final ShellContext context;

    MembershipCommand(ShellContext context) {
        this.context = context;
    }
}

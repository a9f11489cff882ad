package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.domain.password.PasswordCheck;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check-password",
        description = {"Prints ok, mismatch or unsupported (a hash kept verbatim that cannot be checked).",
                "Exit status 0 for ok, 1 otherwise."})
public final class UserCheckPassword implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Option(names = "--password", paramLabel = "PW", description = "Asked for (masked) when left out at a terminal.")
    String password;

    private final ShellContext context;

    public UserCheckPassword(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        String plaintext = password != null ? password : Passwords.promptOnce(context, "Password: ");
        PasswordCheck check = context.store().queries().checkPassword(username, plaintext);
        return new Result.Verdict(check.label(), check == PasswordCheck.OK, Map.of("username", username));
    }
}

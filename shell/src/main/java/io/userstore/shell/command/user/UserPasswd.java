package io.userstore.shell.command.user;

import io.userstore.shell.command.Candidates;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.user.PasswordInput;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "passwd",
        description = "Changes a password; asks for it (masked) when none is given at a terminal.")
public final class UserPasswd implements Callable<Result> {

    @Parameters(index = "0", paramLabel = "USERNAME", completionCandidates = Candidates.Usernames.class)
    String username;

    @Option(names = "--password", paramLabel = "PW")
    String password;

    @Option(names = "--password-hash", paramLabel = "ENCODED")
    String passwordHash;

    private final ShellContext context;

    public UserPasswd(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        if (password != null && passwordHash != null) {
            throw new UserStoreException("give either --password or --password-hash, not both");
        }
        PasswordInput input = passwordHash != null ? PasswordInput.hash(passwordHash)
                : PasswordInput.plaintext(password != null ? password
                : Passwords.prompt(context, "New password for " + username + ": "));
        context.store().users().changePassword(username, input);
        return new Result.Message("changed the password of " + username);
    }
}

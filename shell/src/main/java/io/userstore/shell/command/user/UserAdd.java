package io.userstore.shell.command.user;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.domain.user.UserChanges;
import io.userstore.shell.ShellContext;
import io.userstore.shell.command.Batchable;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "add", description = "Registers a new user.")
public final class UserAdd implements Callable<Result>, Batchable {

    @Parameters(index = "0", paramLabel = "USERNAME", description = "Unique, case-sensitive, 1 to 150 characters.")
    String username;

    @Option(names = "--email", paramLabel = "E")
    String email;

    @Option(names = "--password", paramLabel = "PW", description = "Hashed at once (pbkdf2_sha256); never stored.")
    String password;

    @Option(names = "--password-prompt", description = "Ask for the password without echoing it.")
    boolean passwordPrompt;

    @Option(names = "--password-hash", paramLabel = "ENCODED", description = "A Django-encoded hash, kept verbatim.")
    String passwordHash;

    @Option(names = "--first-name", paramLabel = "F")
    String firstName;

    @Option(names = "--last-name", paramLabel = "L")
    String lastName;

    @Option(names = "--staff")
    boolean staff;

    @Option(names = "--superuser")
    boolean superuser;

    @Option(names = "--inactive")
    boolean inactive;

    @Option(names = "--id", paramLabel = "N", description = "Use this id (the id sequence moves past it).")
    Long id;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A field or custom attribute; repeatable.")
    List<String> assignments = new ArrayList<>();

    private final ShellContext context;

    public UserAdd(ShellContext context) {
        this.context = context;
    }

    @Override
    public Result call() {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfGiven(fields, "email", email);
        putIfGiven(fields, "first_name", firstName);
        putIfGiven(fields, "last_name", lastName);
        if (staff) {
            fields.put("is_staff", "true");
        }
        if (superuser) {
            fields.put("is_superuser", "true");
        }
        if (inactive) {
            fields.put("is_active", "false");
        }
        fields.putAll(UserChanges.assignments(assignments));
        long added = context.store().users().add(new NewUser(username, id, passwordInput(), fields));
        return new Result.Message("added " + username + " (id " + added + ")");
    }

    private PasswordInput passwordInput() {
        int given = (password != null ? 1 : 0) + (passwordPrompt ? 1 : 0) + (passwordHash != null ? 1 : 0);
        if (given > 1) {
            throw new UserStoreException("give only one of --password, --password-prompt and --password-hash");
        }
        if (passwordHash != null) {
            return PasswordInput.hash(passwordHash);
        }
        if (password != null) {
            return PasswordInput.plaintext(password);
        }
        if (passwordPrompt) {
            return PasswordInput.plaintext(Passwords.prompt(context, "Password for " + username + ": "));
        }
        return PasswordInput.NONE;
    }

    private static void putIfGiven(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}

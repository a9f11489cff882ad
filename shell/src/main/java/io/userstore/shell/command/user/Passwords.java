package io.userstore.shell.command.user;

import io.userstore.domain.UserStoreException;
import io.userstore.shell.ShellContext;

/** Asks for a password twice at a terminal; without one, says which option to use instead. */
final class Passwords {

    private Passwords() {
    }

    static String prompt(ShellContext context, String prompt) {
        ShellContext.SecretPrompt secrets = context.secretPrompt().orElseThrow(() -> new UserStoreException(
                "cannot prompt for a password here (no terminal); use --password or --password-hash"));
        String first = secrets.read(prompt);
        String again = secrets.read("Again: ");
        if (!first.equals(again)) {
            throw new UserStoreException("the two passwords differ; nothing was changed");
        }
        return first;
    }

    static String promptOnce(ShellContext context, String prompt) {
        ShellContext.SecretPrompt secrets = context.secretPrompt().orElseThrow(() -> new UserStoreException(
                "cannot prompt for a password here (no terminal); use --password"));
        return secrets.read(prompt);
    }
}

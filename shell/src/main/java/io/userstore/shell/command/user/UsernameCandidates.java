package io.userstore.shell.command.user;

import io.userstore.shell.ShellContext;

import java.util.Iterator;
import java.util.List;

/** Completion candidates: the usernames in the store, read when completion asks. */
public final class UsernameCandidates implements Iterable<String> {

    private final ShellContext context;

    public UsernameCandidates(ShellContext context) {
        this.context = context;
    }

    @Override
    public Iterator<String> iterator() {
        return context.openStore().map(store -> store.queries().usernames()).orElse(List.of()).iterator();
    }
}

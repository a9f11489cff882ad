package io.userstore.shell.command.projection;

import io.userstore.shell.ShellContext;

import java.util.Iterator;
import java.util.List;

/** Completion candidates: the projections in the store. */
public final class ProjectionNames implements Iterable<String> {

    private final ShellContext context;

    public ProjectionNames(ShellContext context) {
        this.context = context;
    }

    @Override
    public Iterator<String> iterator() {
        return context.openStore().isPresent() ? context.projections().names().iterator() : List.<String>of().iterator();
    }
}

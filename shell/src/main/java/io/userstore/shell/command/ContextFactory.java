package io.userstore.shell.command;

import io.userstore.shell.ShellContext;
import picocli.CommandLine;

/** Creates commands and completion candidates, handing the shell context to those that take it. */
public final class ContextFactory implements CommandLine.IFactory {

    private final ShellContext context;

    public ContextFactory(ShellContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getConstructor(ShellContext.class).newInstance(context);
        } catch (NoSuchMethodException noContext) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}

package io.userstore.shell.command;

import io.userstore.domain.UserStore;
import io.userstore.shell.ShellContext;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Completion candidates read from the store when completion asks (never opening a store just to
 * complete). One subclass per kind, as picocli names candidate providers by class.
 */
public abstract class Candidates implements Iterable<String> {

    private final ShellContext context;
    private final Function<UserStore, List<String>> source;

    Candidates(ShellContext context, Function<UserStore, List<String>> source) {
        this.context = context;
        this.source = source;
    }

    @Override
    public Iterator<String> iterator() {
        return context.openStore().map(source).orElse(List.of()).iterator();
    }

    public static final class Usernames extends Candidates {
        public Usernames(ShellContext context) {
            super(context, store -> store.queries().usernames());
        }
    }

    public static final class Groups extends Candidates {
        public Groups(ShellContext context) {
            super(context, store -> store.queries().groupNames());
        }
    }

    public static final class Permissions extends Candidates {
        public Permissions(ShellContext context) {
            super(context, store -> store.queries().permissionNames());
        }
    }

    /** Attribute keys and the settable fields, as {@code KEY=} ready for a value. */
    public static final class Assignments extends Candidates {
        private static final List<String> FIELDS = List.of("email", "first_name", "last_name", "is_active",
                "is_staff", "is_superuser");

        public Assignments(ShellContext context) {
            super(context, store -> java.util.stream.Stream.concat(FIELDS.stream(),
                    store.queries().attributeKeys().stream()).map(key -> key + "=").toList());
        }
    }

    public static final class ProjectionNames extends Candidates {
        public ProjectionNames(ShellContext context) {
            super(context, store -> context.projections().names());
        }
    }

    public static final class AttributeKeys extends Candidates {
        public AttributeKeys(ShellContext context) {
            super(context, store -> store.queries().attributeKeys());
        }
    }
}

package io.userstore.shell.command;

import io.userstore.projections.DjangoAdoption;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "django", description = "Hands a Django database to userstore in place, and back.",
        subcommands = {DjangoCommand.Adopt.class, DjangoCommand.Release.class})
public final class DjangoCommand {

    @Command(name = "adopt", description = {"Puts a projection in place of auth_user and its join tables, in one"
            + " transaction, in the database --db names (the Django project's own).",
            "The old tables stay as a backup; every foreign key points at the new ones; with --model,"
                    + " django_content_type and django_migrations follow the new model. A second run does nothing."})
    public static final class Adopt implements Callable<Result> {

        @Option(names = "--model", paramLabel = "APP_LABEL.MODEL",
                description = "The custom user model the project moves to (AUTH_USER_MODEL), e.g. users.CustomUser.")
        String model;

        @Option(names = "--spec", paramLabel = "FILE",
                description = "The projection's spec (default builtin:django_auth_user; builtin:custom_user adds"
                        + " avatar, phone, birthday, vk_id, tg_id).")
        String spec;

        @Option(names = "--dry-run", description = "Say what it would do; change nothing.")
        boolean dryRun;

        private final ShellContext context;

        public Adopt(ShellContext context) {
            this.context = context;
        }

        @Override
        public Result call() {
            new DjangoAdoption(context.projections()).adopt(model, spec, dryRun, context.progress(),
                    step -> context.output().message(step));
            return Result.NONE;
        }
    }

    @Command(name = "release", description = {"Hands TABLE back: a plain table again, with its rows and foreign keys;"
            + " userstore stops maintaining it.", "The events stay in the store, for history."})
    public static final class Release implements Callable<Result> {

        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        private final ShellContext context;

        public Release(ShellContext context) {
            this.context = context;
        }

        @Override
        public Result call() {
            List<String> released = context.projections().release(table);
            return new Result.Message(String.join(", ", released) + (released.size() == 1 ? " is" : " are")
                    + " plain tables again, rows and foreign keys kept; userstore no longer maintains them"
                    + " (the events stay in the store)");
        }
    }
}

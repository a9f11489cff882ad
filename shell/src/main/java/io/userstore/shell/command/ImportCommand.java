package io.userstore.shell.command;

import io.userstore.domain.Counted;
import io.userstore.domain.django.DjangoImporter;
import io.userstore.domain.django.DjangoImporter.Outcome;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "import", description = "Brings users in from another system.", subcommands = ImportCommand.Django.class)
public final class ImportCommand {

    @Command(name = "django", description = {"Turns a Django auth database into events: ids, password hashes,"
            + " timestamps, flags, names, e-mails, groups and permissions, exactly as they were.",
            "Running it again imports nothing twice."})
    public static final class Django implements Callable<Result> {

        @Option(names = "--from", required = true, paramLabel = "URL",
                description = "The Django database: postgresql://USER:PASS@HOST:PORT/DB or jdbc:postgresql://...")
        String from;

        @Option(names = "--schema", paramLabel = "NAME", defaultValue = "public")
        String schema;

        private final ShellContext context;

        public Django(ShellContext context) {
            this.context = context;
        }

        @Override
        public Result call() {
            long started = System.nanoTime();
            Outcome outcome = new DjangoImporter(context.store()).run(from, schema, context.progress());
            double seconds = (System.nanoTime() - started) / 1e9;
            String source = outcome.source();
            if (outcome.imported() == 0) {
                return new Result.Message("nothing to import: all " + Counted.of(outcome.read(), "user") + " of " + source
                        + " were imported before");
            }
            return new Result.Message(String.format("imported %s from %s in %.2f s (%,d users/s)%s%s",
                    Counted.of(outcome.imported(), "user"), source, seconds,
                    Math.round(outcome.imported() / Math.max(seconds, 1e-9)),
                    outcome.alreadyImported() == 0 ? "" : "; " + outcome.alreadyImported()
                            + (outcome.alreadyImported() == 1 ? " was" : " were") + " imported before",
                    outcome.groupPermissions() == 0 ? "" : "; " + Counted.of(outcome.groupPermissions(),
                            "group permission") + " stay with their groups in Django (userstore keeps memberships by name)"));
        }
    }
}

package io.userstore.shell;

import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.shell.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The launcher's own options (COMMANDS.md "Invocation"). */
@Command(name = "userstore", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"An interactive shell over an event-sourced user store on PostgreSQL.",
                "Without -f or -c: the interactive shell at a terminal, else commands from stdin."},
        footer = {"", "The embedded server keeps running $USERSTORE_LINGER seconds (default 30) after the last"
                + " userstore leaves it, for the next command; 0 stops it at once."})
final class Invocation {

    @Option(names = "--db", paramLabel = "URL",
            description = "jdbc:postgresql://... or postgresql://user:pass@host:port/db (default: $USERSTORE_DB,"
                    + " else the embedded store)")
    String db;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Embedded store, log and history (default: $USERSTORE_HOME, else ~/.userstore)")
    Path home;

    @Option(names = "-f", paramLabel = "FILE", description = "Run the commands in FILE.")
    Path file;

    @Option(names = "-c", paramLabel = "COMMAND", description = "Run COMMAND (repeatable; in order).")
    List<String> commands = new ArrayList<>();

    @Option(names = "--on-error", paramLabel = "stop|continue",
            description = "Scripts: stop at the first failing command (default) or run the rest.")
    String onError = "stop";

    @Option(names = {"-1", "--single-transaction"}, description = "The whole script is one transaction.")
    boolean singleTransaction;

    @Option(names = "--format", paramLabel = "table|json|csv", description = "Output format (default: table).")
    Format format = Format.TABLE;

    @Option(names = "--quiet", description = "No messages for people, only data and errors.")
    boolean quiet;

    @Option(names = "--debug", description = "Log and stack traces on stderr.")
    boolean debug;

    @Option(names = "--password-iterations", paramLabel = "N",
            description = "PBKDF2 iterations for new hashes (default: $USERSTORE_PASSWORD_ITERATIONS, else "
                    + DjangoPasswordHasher.DJANGO_DEFAULT_ITERATIONS + ", Django 5.2's)")
    Integer passwordIterations;
}

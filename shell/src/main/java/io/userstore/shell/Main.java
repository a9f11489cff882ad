package io.userstore.shell;

import io.userstore.domain.StoreUnavailableException;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.domain.StoreSettings;
import io.userstore.shell.command.CommandExecutor;
import io.userstore.shell.interactive.InteractiveShell;
import io.userstore.shell.output.Output;
import io.userstore.shell.script.ErrorReporter;
import io.userstore.shell.script.ScriptLine;
import io.userstore.shell.script.ScriptOptions;
import io.userstore.shell.script.ScriptReader;
import io.userstore.shell.script.ScriptRunner;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code userstore}: picks the mode (interactive, script, stdin, {@code -c}) and returns the exit status. */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final int STOP_SECONDS = 10;
    private static final Duration DEFAULT_LINGER = Duration.ofSeconds(30);

    private final Map<String, String> environment;

    public Main(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.getenv()).run(args, System.in, System.out, System.err, System.console() != null));
    }

    /**
     * @param atTerminal whether stdin and stdout are a terminal (then, without -f or -c, the
     *                 interactive shell runs)
     */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean atTerminal) {
        Invocation invocation = new Invocation();
        CommandLine parser = new CommandLine(invocation).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            parser.parseArgs(args);
            if (parser.isUsageHelpRequested()) {
                parser.usage(out);
                return OK;
            }
            if (parser.isVersionHelpRequested()) {
                parser.printVersionHelp(out);
                return OK;
            }
            checkCombinations(invocation);
            iterations(invocation);
            linger();
        } catch (CommandLine.ParameterException | UserStoreException e) {
            err.println("error: " + e.getMessage() + "; see `userstore --help`");
            return USAGE;
        }
        String db = firstGiven(invocation.db, environment.get("USERSTORE_DB"));
        try {
            if (db != null) {
                StoreSettings.checkDatabaseUrl(db);
            }
        } catch (UserStoreException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }

        Path home = home(invocation);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            err.println("error: cannot create the home directory " + home + " (" + e.getMessage()
                    + "); choose another with --home");
            return USAGE;
        }
        Logging.configure(home.resolve("userstore.log"), invocation.debug);
        boolean interactive = atTerminal && invocation.commands.isEmpty() && invocation.file == null;
        StoreSettings settings = new StoreSettings(db, home, iterations(invocation), linger());
        Terminal terminal = interactive ? InteractiveShell.systemTerminal() : null;
        Output output = interactive
                ? new Output(new PrintStream(terminal.output(), true, StandardCharsets.UTF_8), err, invocation.format,
                invocation.quiet, true, terminal::getWidth)
                : new Output(out, err, invocation.format, invocation.quiet, false, () -> Integer.MAX_VALUE);
        ErrorReporter errors = new ErrorReporter(output, invocation.debug, home.resolve("userstore.log"));

        try (ShellContext context = new ShellContext(settings, output)) {
            context.progressBars(interactive);
            if (!interactive && !invocation.commands.isEmpty() && CommandExecutor.worksOnStore(invocation.commands.get(0))) {
                // a one-shot command's store opens while its command is read
                context.openInBackground();
            }
            CountDownLatch commandsDone = new CountDownLatch(1);
            Thread worker = Thread.currentThread();
            Thread stopOnSignal = new Thread(() -> stopThenClose(worker, commandsDone, context), "userstore-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            try {
                return runMode(invocation, context, errors, in, terminal, home);
            } finally {
                commandsDone.countDown();
                removeHook(stopOnSignal);
            }
        } catch (StoreUnavailableException e) {
            errors.report(null, e);
            return USAGE;
        } catch (UserStoreException e) {
            errors.report(null, e);
            return FAILED;
        }
    }

    private int runMode(Invocation invocation, ShellContext context, ErrorReporter errors, InputStream in,
                        Terminal terminal, Path home) {
        if (terminal != null) {
            context.store();
            return new InteractiveShell(context, errors, home.resolve("history"), terminal).run();
        }
        CommandExecutor executor = new CommandExecutor(context, new PrintWriter(context.output().outStream(), true));
        boolean stop = !invocation.onError.equals("continue");
        if (!invocation.commands.isEmpty()) {
            List<ScriptLine> lines = new ArrayList<>();
            for (int i = 0; i < invocation.commands.size(); i++) {
                lines.add(new ScriptLine("-c", i + 1, invocation.commands.get(i)));
            }
            ScriptOptions options = new ScriptOptions(stop, invocation.singleTransaction, false, false);
            return new ScriptRunner(context, executor, options, errors).run(lines.iterator(), () -> true);
        }
        ScriptOptions options = new ScriptOptions(stop, invocation.singleTransaction, true, true);
        if (invocation.file != null) {
            try (InputStream script = Files.newInputStream(invocation.file)) {
                return new ScriptRunner(context, executor, options, errors)
                        .run(new ScriptReader(script, invocation.file.toString()), () -> true);
            } catch (NoSuchFileException e) {
                throw new UserStoreException("script " + invocation.file + " does not exist");
            } catch (IOException | UncheckedIOException e) {
                throw new UserStoreException("cannot read script " + invocation.file + ": " + e.getMessage());
            }
        }
        ScriptReader stdin = new ScriptReader(in, "-");
        return new ScriptRunner(context, executor, options, errors).run(stdin, stdin::moreWithoutWaiting);
    }

    private static void checkCombinations(Invocation invocation) {
        if (invocation.file != null && !invocation.commands.isEmpty()) {
            throw new UserStoreException("give either -f FILE or -c COMMAND, not both");
        }
        if (!invocation.onError.equals("stop") && !invocation.onError.equals("continue")) {
            throw new UserStoreException("--on-error takes stop or continue, not '" + invocation.onError + "'");
        }
        if (invocation.db != null && invocation.db.isBlank()) {
            throw new UserStoreException("--db is empty; give a PostgreSQL URL, or leave --db out for the embedded store");
        }
        if (invocation.passwordIterations != null && invocation.passwordIterations < 1) {
            throw new UserStoreException("--password-iterations must be at least 1");
        }
    }

    private Path home(Invocation invocation) {
        String configured = firstGiven(invocation.home == null ? null : invocation.home.toString(),
                environment.get("USERSTORE_HOME"));
        return (configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".userstore"))
                .toAbsolutePath().normalize();
    }

    /** USERSTORE_LINGER seconds, the embedded server's life after the last process left it; 30 unless set. */
    private Duration linger() {
        String configured = environment.get("USERSTORE_LINGER");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_LINGER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(configured.trim())));
        } catch (NumberFormatException e) {
            throw new UserStoreException("USERSTORE_LINGER='" + configured + "' is not a number of seconds");
        }
    }

    private int iterations(Invocation invocation) {
        if (invocation.passwordIterations != null) {
            return invocation.passwordIterations;
        }
        String configured = environment.get("USERSTORE_PASSWORD_ITERATIONS");
        if (configured != null && !configured.isBlank()) {
            try {
                return Integer.parseInt(configured.trim());
            } catch (NumberFormatException e) {
                throw new UserStoreException("USERSTORE_PASSWORD_ITERATIONS='" + configured + "' is not a number");
            }
        }
        return DjangoPasswordHasher.DJANGO_DEFAULT_ITERATIONS;
    }

    private static String firstGiven(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /**
     * On SIGINT or SIGTERM the running command stops as Ctrl-C stops it at the prompt (a build
     * keeps what it committed), and only then does the store close.
     */
    private static void stopThenClose(Thread worker, CountDownLatch commandsDone, ShellContext context) {
        worker.interrupt();
        try {
            commandsDone.await(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // exiting anyway
        }
        context.close();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the JVM is exiting anyway
        }
    }
}

package io.userstore.shell.django;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example Django project ({@code examples/django}) run by a real Django 5.2: the Python of
 * {@code -Duserstore.test.python} (what {@code .ci/run} installs), else a virtual environment
 * made once under {@code target/} with pip, else (no package index) the system's python3 with
 * its distribution's Django. Without any, the test says how to get one.
 */
final class DjangoProject {

    /** What one run of the project printed and returned. */
    record Run(int status, String output) {
    }

    private static final Path PROJECT = Path.of("..", "examples", "django").toAbsolutePath().normalize();
    private static final Path VENV = Path.of("target", "django-venv").toAbsolutePath();
    private static final String DJANGO_5_2 = "import django, psycopg2; assert django.VERSION[:2] == (5, 2)";
    private static final String ANY_DJANGO = "import django, psycopg2; assert django.VERSION[:2] >= (4, 2)";
    private static String python;

    private final Map<String, String> database;

    /** @param jdbcUrl the database the project uses: {@code jdbc:postgresql://HOST:PORT/NAME?user=USER} */
    DjangoProject(String jdbcUrl) {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)\\?user=([^&]+).*").matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a URL the example project can use: " + jdbcUrl);
        }
        database = Map.of("EXAMPLE_DB_HOST", url.group(1), "EXAMPLE_DB_PORT", url.group(2),
                "EXAMPLE_DB_NAME", url.group(3), "EXAMPLE_DB_USER", url.group(4));
    }

    /** Runs {@code python ARGS} in the project, on auth.User ("before") or users.CustomUser ("after"). */
    Run run(String phase, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(database);
        builder.environment().put("EXAMPLE_PHASE", phase);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("python " + String.join(" ", args) + " did not finish: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static synchronized String python() throws IOException, InterruptedException {
        if (python != null) {
            return python;
        }
        String given = System.getProperty("userstore.test.python", "");
        if (!given.isBlank()) {
            return python = given;
        }
        Path venvPython = VENV.resolve("bin").resolve("python");
        if (Files.exists(venvPython) && hasDjango(venvPython.toString(), DJANGO_5_2)) {
            return python = venvPython.toString();
        }
        try {
            exec(List.of("python3", "-m", "venv", VENV.toString()));
            exec(List.of(venvPython.toString(), "-m", "pip", "install", "--quiet", "--retries", "1", "--timeout", "20",
                    "django==5.2.*", "psycopg2-binary"));
            return python = venvPython.toString();
        } catch (IllegalStateException noPackageIndex) {
            // where pip cannot reach an index, the distribution's Django (Debian's python3-django) will do
            if (hasDjango("python3", ANY_DJANGO)) {
                return python = "python3";
            }
            throw noPackageIndex;
        }
    }

    private static boolean hasDjango(String python, String assertion) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(python, "-c", assertion).redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        return check.waitFor() == 0;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the Django tests need Django 5.2 and psycopg2: `" + String.join(" ", command)
                    + "` failed (" + output.strip() + "); run .ci/run, which installs them, or give a Python that has"
                    + " them with -Duserstore.test.python=PATH");
        }
    }
}

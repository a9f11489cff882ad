package io.userstore.shell.output;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Prints results in the chosen format: data on stdout, messages for people on stdout for tables
 * and on stderr for JSON and CSV (so a program's input stays clean), errors always on stderr.
 */
public final class Output {

    private final PrintStream out;
    private final PrintStream err;
    private final Format format;
    private final boolean quiet;
    private final IntSupplier terminalWidth;
    private final JsonText json;

    public Output(PrintStream out, PrintStream err, Format format, boolean quiet, boolean prettyJson,
                  IntSupplier terminalWidth) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.quiet = quiet;
        this.terminalWidth = terminalWidth;
        // Jackson only when JSON is asked for: loading it is a noticeable part of a short command's start
        this.json = format == Format.JSON ? new JsonText(prettyJson) : null;
    }

    public Format format() {
        return format;
    }

    public void print(Result result) {
        if (result instanceof Result.Message message) {
            message(message.text());
        } else if (result instanceof Result.Record record) {
            printRecord(record.fields());
        } else if (result instanceof Result.Rows rows) {
            printRows(rows);
        } else if (result instanceof Result.Verdict verdict) {
            if (format == Format.TABLE) {
                out.println(verdict.word());
            } else {
                printRecord(verdict.fields());
            }
        }
        out.flush();
    }

    /** A sentence for people; suppressed by --quiet. */
    public void message(String text) {
        if (quiet || text.isEmpty()) {
            return;
        }
        (format == Format.TABLE ? out : err).println(text);
    }

    /** Notes that must reach people even with machine formats (summaries, warnings). */
    public void note(String text) {
        if (!quiet) {
            err.println(text);
        }
    }

    public void error(String text) {
        err.println(text);
        err.flush();
    }

    public PrintStream outStream() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    private void printRecord(Map<String, Object> fields) {
        switch (format) {
            case JSON -> out.println(toJson(fields));
            case CSV -> csv(new ArrayList<>(fields.keySet()), List.of(fields));
            case TABLE -> out.print(Tables.keyValue(fields));
        }
    }

    private void printRows(Result.Rows rows) {
        switch (format) {
            case JSON -> out.println(toJson(rows.rows()));
            case CSV -> csv(rows.columns(), rows.rows());
            case TABLE -> {
                if (rows.rows().isEmpty()) {
                    message("(none)");
                } else {
                    out.print(Tables.columns(rows.tableColumns(), rows.rows(), terminalWidth.getAsInt()));
                }
            }
        }
    }

    private String toJson(Object value) {
        return json.write(value);
    }

    private void csv(List<String> columns, List<Map<String, Object>> rows) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader(columns.toArray(String[]::new)).setRecordSeparator('\n').get());
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    cells.add(Values.text(row.get(column)));
                }
                printer.printRecord(cells);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.userstore.shell.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads commands from a script as they come (stdin is never read ahead): one per line, blank
 * lines and lines starting with {@code #} skipped, a line ending in a backslash continued on the
 * next.
 */
public final class ScriptReader implements Iterator<ScriptLine> {

    private final BufferedReader reader;
    private final String source;
    private int lineNumber;
    private ScriptLine next;

    public ScriptReader(BufferedReader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readCommand();
        }
        return next != null;
    }

    @Override
    public ScriptLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ScriptLine line = next;
        next = null;
        return line;
    }

    private ScriptLine readCommand() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                int start = lineNumber;
                StringBuilder command = new StringBuilder();
                while (endsWithContinuation(line)) {
                    command.append(line, 0, line.length() - 1);
                    line = reader.readLine();
                    if (line == null) {
                        line = "";
                        break;
                    }
                    lineNumber++;
                }
                command.append(line);
                String text = command.toString();
                String trimmed = text.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                return new ScriptLine(source, start, text);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An odd number of trailing backslashes: the last one escapes the line break. */
    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}

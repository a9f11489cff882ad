package io.userstore.shell.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads commands from a script as they come (stdin is read no further than what has arrived):
 * one per line, blank lines and lines starting with {@code #} skipped, a line ending in a
 * backslash continued on the next. Lines are decoded one at a time, so a line that is not UTF-8
 * is named by its number; reading stops there. A script may start with a UTF-8 byte order mark.
 */
public final class ScriptReader implements Iterator<ScriptLine> {

    private static final int NEWLINE = '\n';

    private final InputStream in;
    private final String source;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private int lineNumber;
    private boolean finished;
    private ScriptLine next;

    public ScriptReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
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

    /** Whether the next line can be read without waiting for the writer of the input. */
    public boolean moreWithoutWaiting() {
        try {
            return position < limit || in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private ScriptLine readCommand() {
        try {
            String line;
            while ((line = readLine()) != null) {
                int start = lineNumber;
                StringBuilder command = new StringBuilder();
                while (endsWithContinuation(line)) {
                    command.append(line, 0, line.length() - 1);
                    int continued = lineNumber;
                    line = readLine();
                    if (line == null) {
                        finished = true;
                        return ScriptLine.unreadable(source, continued, "the script ends in the middle of a command:"
                                + " the \\ at the end of this line continues it on a line that is not there; remove the \\"
                                + " or add the rest of the command");
                    }
                }
                command.append(line);
                String text = command.toString();
                String trimmed = text.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                return new ScriptLine(source, start, text);
            }
            finished = true;
            return null;
        } catch (CharacterCodingException e) {
            finished = true;
            return ScriptLine.unreadable(source, lineNumber, "this line is not valid UTF-8; save the script as UTF-8"
                    + " (nothing after it was read)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line without its line break, or null at the end; counts it. */
    private String readLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != NEWLINE) {
                end++;
            }
            bytes.write(buffer, position, end - position);
            boolean found = end < limit;
            position = found ? end + 1 : end;
            if (found) {
                break;
            }
        }
        lineNumber++;
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        int offset = lineNumber == 1 && startsWithByteOrderMark(raw, length) ? 3 : 0;
        return decoder().decode(ByteBuffer.wrap(raw, offset, length - offset)).toString();
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private static boolean startsWithByteOrderMark(byte[] raw, int length) {
        return length >= 3 && (raw[0] & 0xff) == 0xef && (raw[1] & 0xff) == 0xbb && (raw[2] & 0xff) == 0xbf;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
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

package io.userstore.domain.log;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The rows of a query streamed with {@code COPY ... TO STDOUT (FORMAT binary)}, one at a time:
 * cheaper on both ends than a cursor when a build reads the whole log (no row objects, values
 * read straight from the row's bytes, repeated texts like event types decoded once).
 */
final class BinaryCopyOut implements AutoCloseable {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int REPEATED_TEXTS = 64;

    private final CopyOut copy;
    private final int[] starts;
    private final int[] lengths;
    private final byte[][] repeatedBytes = new byte[REPEATED_TEXTS][];
    private final String[] repeatedTexts = new String[REPEATED_TEXTS];
    private byte[] row;
    private boolean headerRead;

    private BinaryCopyOut(CopyOut copy, int columns) {
        this.copy = copy;
        this.starts = new int[columns];
        this.lengths = new int[columns];
    }

    /** Starts streaming {@code query}, whose rows have {@code columns} columns. */
    static BinaryCopyOut open(Connection connection, String query, int columns) throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + query + ") TO STDOUT (FORMAT binary)");
        return new BinaryCopyOut(copy, columns);
    }

    /** Moves to the next row; false at the end. */
    boolean next() throws SQLException {
        row = copy.readFromCopy();
        if (row == null) {
            return false;
        }
        int position = 0;
        if (!headerRead) {
            // the header arrives in front of the first row
            if (row.length < SIGNATURE.length + 8 || !Arrays.equals(row, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new SQLException("COPY sent no binary header");
            }
            position = SIGNATURE.length + 4;
            position += 4 + int4(row, position);
            headerRead = true;
            if (position == row.length) {
                return next();
            }
        }
        int fields = (short) ((row[position] & 0xff) << 8 | (row[position + 1] & 0xff));
        position += 2;
        if (fields == -1) {
            // the trailer: reading on lets the driver finish the COPY cleanly
            while (copy.readFromCopy() != null) {
                // nothing follows the trailer
            }
            return false;
        }
        if (fields != starts.length) {
            throw new SQLException("COPY sent " + fields + " columns where " + starts.length + " were expected");
        }
        for (int i = 0; i < fields; i++) {
            int length = int4(row, position);
            position += 4;
            starts[i] = position;
            lengths[i] = length;
            position += Math.max(length, 0);
        }
        return true;
    }

    boolean isNull(int column) {
        return lengths[column] < 0;
    }

    long int8(int column) {
        int at = starts[column];
        return (long) int4(row, at) << 32 | (int4(row, at + 4) & 0xffffffffL);
    }

    byte[] bytes(int column) {
        return isNull(column) ? null : Arrays.copyOfRange(row, starts[column], starts[column] + lengths[column]);
    }

    String text(int column) {
        return isNull(column) ? null : new String(row, starts[column], lengths[column], StandardCharsets.UTF_8);
    }

    /** Whether the column holds exactly these bytes. */
    boolean equalsBytes(int column, byte[] bytes) {
        return bytes != null && !isNull(column)
                && Arrays.equals(row, starts[column], starts[column] + lengths[column], bytes, 0, bytes.length);
    }

    /** A text that repeats from row to row (a type name), decoded once. */
    String repeatedText(int column) {
        if (isNull(column)) {
            return null;
        }
        for (int i = 0; i < REPEATED_TEXTS && repeatedBytes[i] != null; i++) {
            if (equalsBytes(column, repeatedBytes[i])) {
                return repeatedTexts[i];
            }
        }
        String text = text(column);
        for (int i = 0; i < REPEATED_TEXTS; i++) {
            if (repeatedBytes[i] == null) {
                repeatedBytes[i] = bytes(column);
                repeatedTexts[i] = text;
                break;
            }
        }
        return text;
    }

    /** Stops a stream that was not read to its end (the connection stays usable). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private static int int4(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }
}

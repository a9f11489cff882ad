package io.userstore.projections.engine;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows for one table, buffered in PostgreSQL's COPY text format and sent with one COPY: the
 * fastest way PostgreSQL takes rows.
 */
final class CopyRows {

    private static final int FLUSH_BYTES = 1 << 20;
    private static final int INITIAL_BYTES = 1 << 16;

    private final String sql;
    private byte[] buffer = new byte[INITIAL_BYTES];
    private int size;
    private long rows;

    /** @param table the table, qualified and quoted */
    CopyRows(String table, List<String> columns) {
        this.sql = "COPY " + table + " ("
                + columns.stream().map(SqlNames::quote).collect(Collectors.joining(", ")) + ") FROM STDIN";
    }

    void add(String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put('\t');
            }
            escape(values[i]);
        }
        put('\n');
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Sends what these buffers (all for one table) hold with one COPY, in the connection's current transaction. */
    static void send(Connection connection, List<CopyRows> buffers) throws SQLException {
        List<CopyRows> filled = buffers.stream().filter(rows -> rows.size > 0).toList();
        if (filled.isEmpty()) {
            return;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(filled.get(0).sql);
        try {
            for (CopyRows rows : filled) {
                copy.writeToCopy(rows.buffer, 0, rows.size);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        filled.forEach(rows -> rows.size = 0);
    }

    boolean full() {
        return size >= FLUSH_BYTES;
    }

    /** Writes a value in COPY's text format: ASCII byte by byte, anything else as UTF-8. */
    private void escape(String value) {
        if (value == null) {
            put('\\');
            put('N');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> put('\\', '\\');
                case '\t' -> put('\\', 't');
                case '\n' -> put('\\', 'n');
                case '\r' -> put('\\', 'r');
                default -> {
                    if (c >= 0x80) {
                        escapeUnicode(value.substring(i));
                        return;
                    }
                    put(c);
                }
            }
        }
    }

    private void escapeUnicode(String rest) {
        String escaped = rest.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void put(char first, char second) {
        put(first);
        put(second);
    }

    private void put(char c) {
        ensure(1);
        buffer[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}

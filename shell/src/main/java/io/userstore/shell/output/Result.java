package io.userstore.shell.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a command hands back to be printed; the format decides how. */
public sealed interface Result {

    /** Nothing to print. */
    Result NONE = new Message("");

    /** Whether the command counts as succeeded for the exit status. */
    default boolean succeeded() {
        return true;
    }

    /** A sentence for people (stderr when the format is for programs). */
    record Message(String text) implements Result {
    }

    /** One thing: a JSON object, a two-column table, or a CSV header and one row. */
    record Record(Map<String, Object> fields) implements Result {
    }

    /**
     * Several things: a JSON array of objects, a CSV header and rows; the table shows
     * {@code tableColumns} only (all fields would not fit a terminal).
     */
    record Rows(List<String> columns, List<Map<String, Object>> rows, List<String> tableColumns) implements Result {
    }

    /**
     * A one-word answer such as {@code ok} or {@code mismatch}: the bare word in a table, an
     * object in JSON; a negative verdict makes the exit status 1 without being an error.
     */
    record Verdict(String word, boolean succeeded, Map<String, Object> fields) implements Result {
        public Verdict {
            fields = new LinkedHashMap<>(fields);
            fields.put("result", word);
        }
    }
}

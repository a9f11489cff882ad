package io.userstore.projections.engine;

/**
 * Names and literals written into SQL text: identifiers always double-quoted (the spec parser
 * allows only plain lowercase names), literals single-quoted.
 */
final class SqlNames {

    private SqlNames() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A string literal, for statements that take no parameters ({@code COPY}). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The physical table of one version: TABLE__NAME_vN. */
    static String physical(String table, String projection, int version) {
        return table + "__" + projection + "_v" + version;
    }
}

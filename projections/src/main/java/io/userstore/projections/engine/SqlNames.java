package io.userstore.projections.engine;

/**
 * Names and literals written into SQL text: identifiers always double-quoted (the spec parser
 * allows only plain lowercase names) and always with their schema, literals single-quoted.
 * Projected tables live in the applications' schema, {@value #TABLE_SCHEMA}; userstore's own
 * tables and functions in the store's schema.
 */
public final class SqlNames {

    /** Where the tables applications read are. */
    public static final String TABLE_SCHEMA = "public";

    private SqlNames() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A projected table (or any relation in the applications' schema), schema-qualified and quoted. */
    public static String table(String name) {
        return TABLE_SCHEMA + "." + quote(name);
    }

    /** A string literal, for statements that take no parameters ({@code COPY}, DDL). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The physical table of one version: TABLE__NAME_vN. */
    static String physical(String table, String projection, int version) {
        return table + "__" + projection + "_v" + version;
    }
}

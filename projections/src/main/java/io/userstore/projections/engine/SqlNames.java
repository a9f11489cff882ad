package io.userstore.projections.engine;

/** Identifiers in SQL: always double-quoted (the spec parser allows only plain lowercase names). */
final class SqlNames {

    private SqlNames() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The physical table of one version: TABLE__NAME_vN. */
    static String physical(String table, String projection, int version) {
        return table + "__" + projection + "_v" + version;
    }
}

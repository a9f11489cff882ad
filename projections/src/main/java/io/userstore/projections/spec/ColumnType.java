package io.userstore.projections.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column type a spec may name, and the PostgreSQL type it becomes. */
public record ColumnType(Kind kind, Integer length) {

    public enum Kind { TEXT, VARCHAR, INTEGER, BIGINT, BOOLEAN, DATE, TIMESTAMPTZ, TIMESTAMP, NUMERIC, JSONB, UUID }

    public static final String KNOWN = "text, varchar(N), integer, bigint, boolean, date, timestamptz, timestamp,"
            + " numeric, jsonb, uuid";
    private static final Pattern VARCHAR = Pattern.compile("varchar\\(([1-9][0-9]{0,6})\\)");

    /** The type named, or null when the name is not one of {@link #KNOWN}. */
    public static ColumnType parse(String name) {
        String normalized = name.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher varchar = VARCHAR.matcher(normalized);
        if (varchar.matches()) {
            return new ColumnType(Kind.VARCHAR, Integer.parseInt(varchar.group(1)));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.VARCHAR && kind.name().toLowerCase(java.util.Locale.ROOT).equals(normalized)) {
                return new ColumnType(kind, null);
            }
        }
        return null;
    }

    public String sql() {
        return kind == Kind.VARCHAR ? "varchar(" + length + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}

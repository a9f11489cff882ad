package io.userstore.projections.engine;

import io.userstore.projections.spec.ColumnType;
import io.userstore.projections.spec.ColumnType.Kind;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.projections.spec.Sources;
import io.userstore.projections.spec.Sources.SourceKind;
import io.userstore.projections.spec.ValueConverter;

import java.util.EnumSet;
import java.util.Set;

/**
 * The SQL twins of what {@link RowMapper} does in Java, for the triggers that turn an
 * application's write into events: which column a source is written through, how a column's
 * value becomes the source's value (the text an attribute holds, for instance), and how a
 * source's value becomes a column's (transform, conversion, default), so the row an application
 * reads back is the one a rebuild gives.
 */
final class ColumnSql {

    private static final Set<Kind> TEXTUAL = EnumSet.of(Kind.TEXT, Kind.VARCHAR);

    private ColumnSql() {
    }

    /** Whether writing this column can become an event (otherwise it is computed from its source). */
    static boolean writable(Column column) {
        if (column.transform() != null) {
            return false;
        }
        Kind type = column.type().kind();
        return switch (Sources.kind(column.source())) {
            case ID -> column.primaryKey();
            case TEXT -> TEXTUAL.contains(type);
            case FLAG -> type == Kind.BOOLEAN;
            case TIMESTAMP -> type == Kind.TIMESTAMPTZ || type == Kind.TIMESTAMP;
            case ATTRIBUTE -> true;
        };
    }

    /** The SQL type a source's value has in a trigger. */
    static String sourceType(String source) {
        return switch (Sources.kind(source)) {
            case ID -> "bigint";
            case FLAG -> "boolean";
            case TIMESTAMP -> "timestamptz";
            case TEXT, ATTRIBUTE -> "text";
        };
    }

    /** A trigger variable holding a source's value: {@code s_attr_phone}. */
    static String variable(String source) {
        return "s_" + source.replace('.', '_');
    }

    /** The source's value that a writable column's value ({@code value}, e.g. {@code NEW."phone"}) stands for. */
    static String sourceFrom(Column column, String value) {
        Kind type = column.type().kind();
        return switch (Sources.kind(column.source())) {
            case ID -> value + "::bigint";
            case TEXT -> value + "::text";
            case FLAG -> value;
            case TIMESTAMP -> type == Kind.TIMESTAMP ? "(" + value + " AT TIME ZONE 'UTC')" : value;
            case ATTRIBUTE -> attributeText(type, value);
        };
    }

    /** An attribute's text as userstore would read it back into the same typed value. */
    private static String attributeText(Kind type, String value) {
        return switch (type) {
            case TEXT, VARCHAR -> value + "::text";
            case BOOLEAN -> "CASE WHEN " + value + " THEN 'true' WHEN NOT " + value + " THEN 'false' END";
            case DATE -> "to_char(" + value + ", 'YYYY-MM-DD')";
            case TIMESTAMPTZ -> "userstore.instant(" + value + ")";
            case TIMESTAMP -> "to_char(" + value + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US')";
            default -> value + "::text";
        };
    }

    /** The column's value made from its source's value ({@code source}, a variable): what a rebuild puts there. */
    static String columnFrom(Column column, String source) {
        String transformed = switch (column.transform() == null ? "" : column.transform()) {
            case "lower" -> "lower(" + source + ")";
            case "upper" -> "upper(" + source + ")";
            case "trim" -> "btrim(" + source + ", E' \\t\\n\\r\\f\\v')";
            default -> source;
        };
        String converted = convert(Sources.kind(column.source()), column.type(), transformed);
        return column.defaultValue() == null ? converted
                : "coalesce(" + converted + ", " + literal(ValueConverter.convert(column.defaultValue(), column.type()),
                column.type()) + ")";
    }

    private static String convert(SourceKind from, ColumnType type, String value) {
        Kind to = type.kind();
        return switch (from) {
            case TEXT, ATTRIBUTE -> TEXTUAL.contains(to) ? value : "(" + value + ")::" + type.sql();
            case FLAG -> to == Kind.BOOLEAN ? value
                    : "CASE WHEN " + value + " THEN 'true' WHEN NOT " + value + " THEN 'false' END";
            case ID -> TEXTUAL.contains(to) ? value + "::text" : value + "::" + type.sql();
            case TIMESTAMP -> switch (to) {
                case TIMESTAMPTZ -> value;
                case TIMESTAMP -> "(" + value + " AT TIME ZONE 'UTC')";
                case DATE -> "(" + value + " AT TIME ZONE 'UTC')::date";
                default -> "(to_char(" + value + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00:00')";
            };
        };
    }

    /**
     * A child table's column made from the user's id and the item's name (variables): what a
     * rebuild puts there, Django's ids looked up as {@link DjangoIds} looks them up.
     */
    static String childColumnFrom(Child child, Column column, String user, String item) {
        return switch (column.source()) {
            case "id" -> columnFrom(column, user);
            case "group_id", "permission_id" -> djangoId(child.from(), item);
            case "row_id" -> "(" + user + " * 4294967296 + " + djangoId(child.from(), item) + ")";
            default -> columnFrom(column, item);
        };
    }

    /** Django's id for a group or permission named by {@code item}; NULL when Django has none. */
    static String djangoId(String from, String item) {
        return from.equals("groups")
                ? "(SELECT g.id FROM " + DjangoIds.GROUPS + " g WHERE g.name = " + item + ")"
                : "(SELECT p.id FROM " + DjangoIds.PERMISSIONS + " p JOIN " + DjangoIds.CONTENT_TYPES
                + " ct ON ct.id = p.content_type_id WHERE ct.app_label || '.' || p.codename = " + item + ")";
    }

    /** The name (group) or {@code app_label.codename} (permission) Django has for an id. */
    static String djangoName(String from, String id) {
        return from.equals("groups")
                ? "(SELECT g.name FROM " + DjangoIds.GROUPS + " g WHERE g.id = " + id + ")"
                : "(SELECT ct.app_label || '.' || p.codename FROM " + DjangoIds.PERMISSIONS + " p JOIN "
                + DjangoIds.CONTENT_TYPES + " ct ON ct.id = p.content_type_id WHERE p.id = " + id + ")";
    }

    /** A {@code where} condition on a source's value, as {@code RowMapper} tests it. */
    static String whereTest(String source, Object wanted) {
        String variable = variable(source);
        if (wanted == null) {
            return variable + " IS NULL";
        }
        String normalized = RowMapper.normalize(wanted);
        return switch (Sources.kind(source)) {
            case FLAG -> normalized.equals("true") || normalized.equals("false")
                    ? "coalesce(" + variable + " = " + normalized + ", false)" : "false";
            case ID -> "coalesce(" + variable + "::text = " + SqlNames.literal(normalized) + ", false)";
            default -> "coalesce(userstore.where_value(" + variable + ") = " + SqlNames.literal(normalized) + ", false)";
        };
    }

    static String literal(String text, ColumnType type) {
        return text == null ? "NULL" : SqlNames.literal(text) + "::" + type.sql();
    }
}

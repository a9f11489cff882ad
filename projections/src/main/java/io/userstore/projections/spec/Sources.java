package io.userstore.projections.spec;

import io.userstore.projections.spec.ColumnType.Kind;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The user fields a column may come from, and the column types each can fill. */
public final class Sources {

    public static final String KNOWN = "id, username, email, password, first_name, last_name, is_active, is_staff,"
            + " is_superuser, last_login, date_joined, attr.NAME";
    private static final Set<Kind> TEXTUAL = EnumSet.of(Kind.TEXT, Kind.VARCHAR);
    private static final Pattern ATTRIBUTE = Pattern.compile("attr\\.[a-z][a-z0-9_]{0,62}");
    private static final Map<String, Set<Kind>> USER = Map.ofEntries(
            Map.entry("id", EnumSet.of(Kind.INTEGER, Kind.BIGINT, Kind.NUMERIC, Kind.TEXT, Kind.VARCHAR)),
            Map.entry("username", TEXTUAL),
            Map.entry("email", TEXTUAL),
            Map.entry("password", TEXTUAL),
            Map.entry("first_name", TEXTUAL),
            Map.entry("last_name", TEXTUAL),
            Map.entry("is_active", EnumSet.of(Kind.BOOLEAN, Kind.TEXT, Kind.VARCHAR)),
            Map.entry("is_staff", EnumSet.of(Kind.BOOLEAN, Kind.TEXT, Kind.VARCHAR)),
            Map.entry("is_superuser", EnumSet.of(Kind.BOOLEAN, Kind.TEXT, Kind.VARCHAR)),
            Map.entry("last_login", EnumSet.of(Kind.TIMESTAMPTZ, Kind.TIMESTAMP, Kind.DATE, Kind.TEXT, Kind.VARCHAR)),
            Map.entry("date_joined", EnumSet.of(Kind.TIMESTAMPTZ, Kind.TIMESTAMP, Kind.DATE, Kind.TEXT, Kind.VARCHAR)));

    /** What a source holds, whatever column it fills. */
    public enum SourceKind { ID, TEXT, FLAG, TIMESTAMP, ATTRIBUTE }

    private Sources() {
    }

    public static SourceKind kind(String source) {
        return switch (source) {
            case "id" -> SourceKind.ID;
            case "is_active", "is_staff", "is_superuser" -> SourceKind.FLAG;
            case "last_login", "date_joined" -> SourceKind.TIMESTAMP;
            default -> source.startsWith("attr.") ? SourceKind.ATTRIBUTE : SourceKind.TEXT;
        };
    }

    /** Sources a {@code where} may test: not the password, nor timestamps (equality on an instant means little). */
    public static boolean filterable(String source) {
        return isUserSource(source) && !source.equals("password") && kind(source) != SourceKind.TIMESTAMP;
    }

    /** Names of user fields, which no attribute can have (setting one sets the field, or is refused). */
    public static final Set<String> FIELDS = Set.of("id", "username", "password", "groups", "permissions",
            "last_login", "date_joined", "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser");

    public static boolean isUserSource(String source) {
        return USER.containsKey(source) || ATTRIBUTE.matcher(source).matches();
    }

    /** Whether the source can fill a column of this type (attributes are text, converted when built). */
    public static boolean fits(String source, ColumnType type) {
        Set<Kind> kinds = USER.get(source);
        return kinds == null || kinds.contains(type.kind());
    }

    public static boolean isTextual(String source) {
        return source.startsWith("attr.") || USER.get(source) == TEXTUAL;
    }

    /**
     * What a child table of {@code groups} or {@code permissions} may take its columns from: the
     * user's {@code id}; the item by name ({@code group}, {@code permission} as app_label.codename);
     * Django's id for it ({@code group_id} from {@code auth_group}, {@code permission_id} from
     * {@code auth_permission}); and {@code row_id}, the row's own id as Django's join tables have
     * one, made from the user's and the item's ids (the same however often the table is rebuilt).
     */
    public static Set<String> childSources(String from) {
        return from.equals("groups") ? Set.of("id", "group", "group_id", "row_id")
                : Set.of("id", "permission", "permission_id", "row_id");
    }

    /** Whether a child source is Django's id for the item (looked up by its name). */
    public static boolean isDjangoId(String childSource) {
        return childSource.equals("group_id") || childSource.equals("permission_id");
    }
}

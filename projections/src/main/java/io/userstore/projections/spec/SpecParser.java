package io.userstore.projections.spec;

import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;
import io.userstore.projections.spec.SpecNode.Mapping;
import io.userstore.projections.spec.SpecNode.Scalar;
import io.userstore.projections.spec.SpecNode.Sequence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a YAML or JSON spec into a {@link ProjectionSpec}, refusing anything that cannot be
 * built before a single table is written: unknown keys, sources and types, identifiers that are
 * not plain lowercase SQL names (so nothing a spec names can inject SQL), duplicates, defaults
 * that do not fit their column. Every error names the spec's file and line.
 */
public final class SpecParser {

    /** Lowercase SQL identifiers only: always quoted in SQL, and never able to carry SQL. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Physical tables are TABLE__NAME_vN; PostgreSQL cuts names at 63 bytes. */
    private static final int MAX_TABLE_AND_NAME = 54;
    private static final Set<String> TOP_KEYS = Set.of("name", "table", "columns", "children", "where", "description");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "from", "type", "default", "nullable", "unique",
            "primary_key", "transform");
    private static final Set<String> CHILD_KEYS = Set.of("table", "from", "columns");
    private static final Set<String> TRANSFORMS = Set.of("lower", "upper", "trim");

    private final String source;
    private final Predicate<String> notOurs;

    private SpecParser(String source, Predicate<String> notOurs) {
        this.source = source;
        this.notOurs = notOurs;
    }

    /** A spec that names its projection itself ({@code name:}). */
    public static ProjectionSpec parse(String text, String source) {
        return parse(text, source, null);
    }

    /**
     * A spec for the projection {@code name} (null: the spec's own {@code name:}); the name given
     * wins over the spec's, which is optional then.
     */
    public static ProjectionSpec parse(String text, String source, String name) {
        return parse(text, source, name, table -> false);
    }

    /**
     * As {@link #parse(String, String, String)}, refusing (at the line that names it) a table
     * that exists in the database and is not userstore's.
     *
     * @param notOurs whether a table of that name exists that userstore does not maintain
     */
    public static ProjectionSpec parse(String text, String source, String name, Predicate<String> notOurs) {
        return new SpecParser(source, notOurs).spec(SpecReader.read(text, source), text, name);
    }

    private ProjectionSpec spec(SpecNode root, String text, String givenName) {
        Mapping top = mapping(root, "the spec", TOP_KEYS);
        String name = givenName;
        if (name == null || top.entries().containsKey("name")) {
            String written = identifier(top, "name", "projection name");
            name = givenName == null ? written : givenName;
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            fail(top.line(), "projection name '" + name + "' is not a plain SQL name; use lowercase letters, digits and _"
                    + " (at most 63, not starting with a digit)");
        }
        String table = identifier(top, "table", "table name");
        TableNames.check(table, top.keyLines().get("table"), notOurs, this::fail);
        if (table.length() + name.length() > MAX_TABLE_AND_NAME) {
            fail(top.keyLines().get("table"), "table '" + table + "' and name '" + name + "' are "
                    + (table.length() + name.length()) + " characters together; PostgreSQL's 63-character names"
                    + " leave room for " + MAX_TABLE_AND_NAME + " (tables are TABLE__NAME_vN)");
        }
        List<Column> columns = columns(top, "columns", null);
        long primaryKeys = columns.stream().filter(Column::primaryKey).count();
        if (primaryKeys != 1 || !columns.stream().filter(Column::primaryKey).allMatch(c -> c.source().equals("id"))) {
            fail(top.keyLines().get("columns"), "give exactly one column `primary_key: true`, `from: id`"
                    + " (a projection has one row per user)");
        }
        List<Child> children = children(top, table);
        Map<String, Object> where = where(top);
        return new ProjectionSpec(name, table, columns, children, where, text);
    }

    private List<Column> columns(Mapping owner, String key, String childFrom) {
        SpecNode node = required(owner, key);
        if (!(node instanceof Sequence sequence) || sequence.items().isEmpty()) {
            throw fail(node.line(), key + " must be a non-empty list of columns");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SpecNode item : sequence.items()) {
            Column column = column(mapping(item, "a column", COLUMN_KEYS), childFrom);
            if (!names.add(column.name())) {
                fail(item.line(), "duplicate column '" + column.name() + "'; column names must be unique");
            }
            columns.add(column);
        }
        return columns;
    }

    private Column column(Mapping node, String childFrom) {
        String name = identifier(node, "name", "column name");
        String from = text(required(node, "from"), "from");
        int fromLine = node.keyLines().get("from");
        boolean isChild = childFrom != null;
        if (isChild ? !Sources.childSources(childFrom).contains(from) : !Sources.isUserSource(from)) {
            fail(fromLine, "unknown source '" + from + "' for column '" + name + "'; use one of "
                    + (isChild ? String.join(", ", Sources.childSources(childFrom)) : Sources.KNOWN));
        }
        if (!isChild && from.startsWith("attr.") && Sources.FIELDS.contains(from.substring("attr.".length()))) {
            fail(fromLine, "source '" + from + "' for column '" + name + "' names a user field, which no attribute"
                    + " can be; use from: " + from.substring("attr.".length()));
        }
        String typeName = text(required(node, "type"), "type");
        ColumnType type = ColumnType.parse(typeName);
        if (type == null) {
            fail(node.keyLines().get("type"), "unknown type '" + typeName + "' for column '" + name + "'; use one of "
                    + ColumnType.KNOWN);
        }
        if (!isChild && !Sources.fits(from, type)) {
            fail(node.keyLines().get("type"), "column '" + name + "' of type " + typeName + " cannot hold " + from);
        }
        String transform = optionalText(node, "transform");
        if (transform != null && (!TRANSFORMS.contains(transform) || (!isChild && !Sources.isTextual(from)))) {
            fail(node.keyLines().get("transform"), "transform '" + transform + "' is not one of lower, upper, trim"
                    + " on a text source");
        }
        boolean primaryKey = flag(node, "primary_key", false);
        Object defaultValue = node.entries().containsKey("default") ? ((Scalar) node.entries().get("default")).value() : null;
        if (defaultValue != null) {
            try {
                ValueConverter.convert(defaultValue.toString(), type);
            } catch (IllegalArgumentException e) {
                fail(node.keyLines().get("default"), "default '" + defaultValue + "' does not fit column '" + name
                        + "' (" + type.sql() + "): " + e.getMessage());
            }
        }
        return new Column(name, from, type, defaultValue, flag(node, "nullable", !primaryKey),
                flag(node, "unique", false), primaryKey, transform);
    }

    private List<Child> children(Mapping top, String table) {
        SpecNode node = top.entries().get("children");
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof Sequence sequence)) {
            throw fail(node.line(), "children must be a list of tables");
        }
        List<Child> children = new ArrayList<>();
        Set<String> tables = new HashSet<>(Set.of(table));
        for (SpecNode item : sequence.items()) {
            Mapping child = mapping(item, "a child table", CHILD_KEYS);
            String childTable = identifier(child, "table", "table name");
            TableNames.check(childTable, child.keyLines().get("table"), notOurs, this::fail);
            if (!tables.add(childTable)) {
                fail(child.keyLines().get("table"), "table '" + childTable + "' is named twice in this spec");
            }
            String from = text(required(child, "from"), "from");
            if (!from.equals("groups") && !from.equals("permissions")) {
                fail(child.keyLines().get("from"), "a child table comes from groups or permissions, not '" + from + "'");
            }
            List<Column> columns = columns(child, "columns", from);
            if (columns.stream().noneMatch(c -> c.source().equals("id"))) {
                fail(child.keyLines().get("columns"), "child table '" + childTable + "' needs a column from: id"
                        + " (the user it belongs to)");
            }
            for (Column column : columns) {
                boolean number = column.type().kind() == ColumnType.Kind.INTEGER || column.type().kind() == ColumnType.Kind.BIGINT;
                if ((Sources.isDjangoId(column.source()) && !number)
                        || (column.source().equals("row_id") && column.type().kind() != ColumnType.Kind.BIGINT)) {
                    fail(child.keyLines().get("columns"), "column '" + column.name() + "' from " + column.source()
                            + " holds an id: give it type " + (column.source().equals("row_id") ? "bigint" : "integer or bigint"));
                }
            }
            if (columns.stream().anyMatch(c -> c.source().equals("row_id"))
                    && columns.stream().noneMatch(c -> Sources.isDjangoId(c.source()))) {
                fail(child.keyLines().get("columns"), "child table '" + childTable + "' has a column from: row_id,"
                        + " which is made from Django's id for the item: add a column from: "
                        + (from.equals("groups") ? "group_id" : "permission_id"));
            }
            children.add(new Child(childTable, from, columns));
        }
        return children;
    }

    private Map<String, Object> where(Mapping top) {
        SpecNode node = top.entries().get("where");
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Mapping mapping)) {
            throw fail(node.line(), "where must map sources to values, e.g. where: {is_active: true}");
        }
        Map<String, Object> where = new LinkedHashMap<>();
        mapping.entries().forEach((source, value) -> {
            if (!Sources.isUserSource(source)) {
                fail(mapping.keyLines().get(source), "unknown source '" + source + "' in where; use one of " + Sources.KNOWN);
            }
            if (!Sources.filterable(source)) {
                fail(mapping.keyLines().get(source), "where cannot test " + source + "; filter on flags, names, e-mail,"
                        + " id or attributes");
            }
            if (!(value instanceof Scalar scalar)) {
                throw fail(value.line(), "where " + source + " must be a single value");
            }
            where.put(source, scalar.value());
        });
        return where;
    }

    private Mapping mapping(SpecNode node, String what, Set<String> allowed) {
        if (!(node instanceof Mapping mapping)) {
            throw fail(node.line(), what + " must be a mapping of keys to values");
        }
        for (String key : mapping.entries().keySet()) {
            if (!allowed.contains(key)) {
                fail(mapping.keyLines().get(key), "unknown key '" + key + "' in " + what + "; known: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return mapping;
    }

    private String identifier(Mapping node, String key, String what) {
        String value = text(required(node, key), key);
        if (!IDENTIFIER.matcher(value).matches()) {
            fail(node.keyLines().get(key), what + " '" + value + "' is not a plain SQL name; use lowercase letters,"
                    + " digits and _ (at most 63, not starting with a digit)");
        }
        return value;
    }

    private SpecNode required(Mapping node, String key) {
        SpecNode value = node.entries().get(key);
        if (value == null) {
            throw fail(node.line(), "missing '" + key + "'");
        }
        return value;
    }

    private String text(SpecNode node, String key) {
        if (!(node instanceof Scalar scalar) || scalar.value() == null) {
            throw fail(node.line(), key + " must be a single value");
        }
        return scalar.text();
    }

    private String optionalText(Mapping node, String key) {
        SpecNode value = node.entries().get(key);
        return value == null ? null : text(value, key);
    }

    private boolean flag(Mapping node, String key, boolean otherwise) {
        SpecNode value = node.entries().get(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Scalar scalar) || !(scalar.value() instanceof Boolean b)) {
            throw fail(value.line(), key + " must be true or false");
        }
        return b;
    }

    private SpecException fail(int line, String message) {
        throw new SpecException(source, line, message);
    }
}

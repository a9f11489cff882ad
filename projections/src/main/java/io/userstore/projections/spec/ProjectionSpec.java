package io.userstore.projections.spec;

import java.util.List;
import java.util.Map;

/**
 * A validated projection spec: a user table of any shape, built from the events.
 *
 * @param name     the projection's name
 * @param table    the stable name applications read: the table of the version in service
 * @param columns  one per column, in order; exactly one is the primary key, from {@code id}
 * @param children tables of one row per group or permission of a user
 * @param where    a user is in the table when every listed source equals its value
 * @param text     the spec as written, kept with the projection
 */
public record ProjectionSpec(String name, String table, List<Column> columns, List<Child> children,
                             Map<String, Object> where, String text) {

    /** Where a column's value comes from: a user field, an attribute, or (in children) the item. */
    public record Column(String name, String source, ColumnType type, Object defaultValue, boolean nullable,
                         boolean unique, boolean primaryKey, String transform) {
    }

    /** @param from {@code groups} or {@code permissions} */
    public record Child(String table, String from, List<Column> columns) {
    }

    public Column primaryKey() {
        return columns.stream().filter(Column::primaryKey).findFirst().orElseThrow();
    }
}

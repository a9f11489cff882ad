package io.userstore.projections.engine;

import io.userstore.domain.user.UserView;
import io.userstore.projections.api.RowValueException;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.ValueConverter;
import io.userstore.projections.spec.ProjectionSpec.Child;
import io.userstore.projections.spec.ProjectionSpec.Column;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the rows of one user for a spec: the main row (none when the user is forgotten or the
 * spec's {@code where} leaves it out) and its child rows, every value converted to its column's
 * type. A value that does not fit fails naming the user, the column and the value.
 */
public final class RowMapper {

    private final ProjectionSpec spec;

    public RowMapper(ProjectionSpec spec) {
        this.spec = spec;
    }

    public ProjectionSpec spec() {
        return spec;
    }

    /** The main row, or null when the user has none in this table (deleted, or left out by {@code where}). */
    public String[] mainRow(FoldedUser user) {
        UserView view = user.view();
        if (view.deleted() || !matchesWhere(user)) {
            return null;
        }
        String[] row = new String[spec.columns().size()];
        for (int i = 0; i < row.length; i++) {
            Column column = spec.columns().get(i);
            row[i] = value(column, source(user, column.source()), view);
        }
        return row;
    }

    /** The rows of one child table (empty when the user has no main row). */
    public List<String[]> childRows(FoldedUser user, Child child, DjangoIds ids) {
        Collection<String> items = child.from().equals("groups") ? user.view().groups() : user.view().permissions();
        List<String[]> rows = new ArrayList<>(items.size());
        for (String item : items) {
            String[] row = new String[child.columns().size()];
            for (int i = 0; i < row.length; i++) {
                Column column = child.columns().get(i);
                row[i] = value(column, childSource(user, child, column, item, ids), user.view());
            }
            rows.add(row);
        }
        return rows;
    }

    /** The user's id, the item, or Django's id for the item (and the row id made of both). */
    private static Object childSource(FoldedUser user, Child child, Column column, String item, DjangoIds ids) {
        return switch (column.source()) {
            case "id" -> user.view().id();
            case "group_id", "permission_id" -> djangoId(user, child, column, item, ids);
            case "row_id" -> (user.view().id() << 32) + djangoId(user, child, column, item, ids);
            default -> item;
        };
    }

    private static long djangoId(FoldedUser user, Child child, Column column, String item, DjangoIds ids) {
        Long id = ids.idOf(child.from(), item);
        if (id == null) {
            String what = child.from().equals("groups") ? "group" : "permission";
            Column idColumn = child.columns().stream().filter(c -> io.userstore.projections.spec.Sources.isDjangoId(c.source()))
                    .findFirst().orElse(column);
            String problem = "column " + idColumn.name() + " of " + child.table() + " needs Django's id for " + what + " '"
                    + item + "', which " + DjangoIds.table(child.from()) + " does not have; create it in Django first";
            throw new RowValueException(user.view().id(), idColumn.name(), problem,
                    "user " + user.view().id() + " (" + user.view().username() + "): " + problem);
        }
        return id;
    }

    private boolean matchesWhere(FoldedUser user) {
        for (Map.Entry<String, Object> condition : spec.where().entrySet()) {
            Object actual = source(user, condition.getKey());
            Object wanted = condition.getValue();
            if (actual == null || wanted == null) {
                if (actual != wanted) {
                    return false;
                }
            } else if (!normalize(actual).equals(normalize(wanted))) {
                return false;
            }
        }
        return true;
    }

    static String normalize(Object value) {
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "t", "yes", "on" -> "true";
            case "f", "no", "off" -> "false";
            default -> text;
        };
    }

    private static Object source(FoldedUser user, String source) {
        UserView view = user.view();
        return switch (source) {
            case "id" -> view.id();
            case "username" -> view.username();
            case "email" -> view.email();
            case "password" -> user.passwordHash();
            case "first_name" -> view.firstName();
            case "last_name" -> view.lastName();
            case "is_active" -> view.active();
            case "is_staff" -> view.staff();
            case "is_superuser" -> view.superuser();
            case "last_login" -> view.lastLogin();
            case "date_joined" -> view.dateJoined();
            default -> view.attributes().get(source.substring("attr.".length()));
        };
    }

    private static String value(Column column, Object raw, UserView user) {
        Object value = raw == null ? column.defaultValue() : transform(column.transform(), raw);
        if (value == null) {
            if (!column.nullable()) {
                String problem = "has no value for column " + column.name() + " (" + column.source()
                        + "), which is not nullable; give the column a default or make it nullable";
                throw new RowValueException(user.id(), column.name(), problem,
                        "user " + user.id() + " (" + user.username() + ") " + problem);
            }
            return null;
        }
        try {
            return ValueConverter.convert(value, column.type());
        } catch (IllegalArgumentException e) {
            String cannot = "column " + column.name() + " (" + column.type().sql() + ") cannot hold ";
            String from = " from " + column.source() + ": " + e.getMessage();
            throw new RowValueException(user.id(), column.name(), cannot + "the value" + from,
                    "user " + user.id() + " (" + user.username() + "): " + cannot + "'" + value + "'" + from);
        }
    }

    private static Object transform(String transform, Object value) {
        if (transform == null || !(value instanceof String text)) {
            return value;
        }
        return switch (transform) {
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "upper" -> text.toUpperCase(Locale.ROOT);
            default -> text.strip();
        };
    }
}

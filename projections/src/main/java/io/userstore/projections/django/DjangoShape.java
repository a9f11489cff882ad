package io.userstore.projections.django;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.userstore.domain.UserStoreException;

import java.io.IOException;

/**
 * A spec made Django's: its table named as Django names the model's table, and its child tables
 * replaced by the two many-to-many tables Django's ORM reads, {@code (id, MODEL_id, group_id)}
 * and {@code (id, MODEL_id, permission_id)}, with Django's ids for groups and permissions.
 */
final class DjangoShape {

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private DjangoShape() {
    }

    /** The spec text, shaped for the model; its columns stay as they are. */
    static String apply(String specText, String source, DjangoModel model) {
        try {
            JsonNode tree = YAML.readTree(specText);
            if (!(tree instanceof ObjectNode spec)) {
                throw new UserStoreException(source + " is not a spec (a mapping of keys to values)");
            }
            if (!spec.has("name")) {
                spec.put("name", model.table());
            }
            spec.put("table", model.table());
            ArrayNode children = spec.putArray("children");
            children.add(joinTable(model.groupsTable(), "groups", model.userColumn(), "group_id"));
            children.add(joinTable(model.permissionsTable(), "permissions", model.userColumn(), "permission_id"));
            return "# " + source + ", shaped by `django adopt` as Django's " + model + "\n" + YAML.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UserStoreException(source + " cannot be read as YAML or JSON: " + e.getMessage());
        }
    }

    private static ObjectNode joinTable(String table, String from, String userColumn, String itemColumn) {
        ObjectNode child = YAML.createObjectNode();
        child.put("table", table);
        child.put("from", from);
        ArrayNode columns = child.putArray("columns");
        columns.add(column("id", "row_id", "bigint"));
        columns.add(column(userColumn, "id", "integer"));
        columns.add(column(itemColumn, itemColumn, "integer"));
        return child;
    }

    private static ObjectNode column(String name, String from, String type) {
        ObjectNode column = YAML.createObjectNode();
        column.put("name", name);
        column.put("from", from);
        column.put("type", type);
        column.put("nullable", false);
        return column;
    }
}

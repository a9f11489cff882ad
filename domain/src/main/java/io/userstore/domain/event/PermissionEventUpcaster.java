package io.userstore.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Set;

/**
 * Revision 1 of the permission events carried {@code {"app_label": "shop", "codename":
 * "refund_order"}}; revision 2 carries {@code {"permission": "shop.refund_order"}}.
 */
public final class PermissionEventUpcaster extends SingleEventUpcaster {

    private static final Set<String> TYPES = Set.of(
            UserEvents.PermissionGranted.class.getName(), UserEvents.PermissionRevoked.class.getName());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPES.contains(representation.getType().getName())
                && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), "2"),
                JsonNode.class,
                PermissionEventUpcaster::joinAppLabelAndCodename);
    }

    private static JsonNode joinAppLabelAndCodename(JsonNode old) {
        ObjectNode upcast = ((ObjectNode) old).objectNode();
        upcast.put("permission", old.path("app_label").asText() + "." + old.path("codename").asText());
        return upcast;
    }
}

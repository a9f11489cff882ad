package io.userstore.domain.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.userstore.domain.event.PermissionEventUpcaster;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Turns stored event rows into event objects for readers that stream the event table directly
 * (projection builds, where Axon's per-event overhead would dominate). An event at its current
 * revision is read straight into its record; an older one goes through Axon's upcaster chain,
 * exactly as Axon itself would read it.
 */
public final class EventDecoder {

    private record Target(ObjectReader reader, String revision) {
    }

    private final ObjectMapper mapper = EventJson.mapper();
    private final Serializer serializer = EventJson.serializer();
    private final EventUpcaster upcasters = upcasters();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    static EventUpcaster upcasters() {
        return new EventUpcasterChain(new PermissionEventUpcaster());
    }

    public Object decode(String aggregateId, long sequence, String payloadType, String revision, byte[] payload,
                         String timestamp) {
        Target target = targets.computeIfAbsent(payloadType, this::target);
        if (java.util.Objects.equals(target.revision(), revision)) {
            try {
                return target.reader().readValue(payload);
            } catch (IOException e) {
                throw new IllegalStateException("event " + sequence + " of user " + aggregateId + " ("
                        + payloadType + ") cannot be read: " + e.getMessage(), e);
            }
        }
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("User", aggregateId, sequence,
                aggregateId + ":" + sequence, timestamp, payloadType, revision, payload, "{}".getBytes());
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer, upcasters)
                .next().getPayload();
    }

    private Target target(String payloadType) {
        try {
            Class<?> type = Class.forName(payloadType, true, EventDecoder.class.getClassLoader());
            Revision revision = type.getAnnotation(Revision.class);
            return new Target(mapper.readerFor(type), revision == null ? null : revision.value());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown event type " + payloadType, e);
        }
    }
}

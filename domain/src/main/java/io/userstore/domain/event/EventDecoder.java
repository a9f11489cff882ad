package io.userstore.domain.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

    public static EventUpcaster upcasters() {
        return new EventUpcasterChain(new PermissionEventUpcaster());
    }

    /**
     * One aggregate's events, in order. Those at their current revision are read from one parser
     * over all their payloads: making a parser costs more than reading a small event.
     */
    public List<Object> decodeAll(String aggregateId, List<? extends StoredEvent> events) {
        List<Object> decoded = new ArrayList<>(events.size());
        try (JsonParser parser = mapper.getFactory().createParser(joinedPayloads(events))) {
            for (StoredEvent event : events) {
                Target target = targets.computeIfAbsent(event.type(), this::target);
                if (java.util.Objects.equals(target.revision(), event.revision())) {
                    decoded.add(read(target, parser, aggregateId, event));
                } else {
                    parser.nextToken();
                    parser.skipChildren();
                    decoded.add(upcast(aggregateId, event));
                }
                parser.clearCurrentToken();
            }
        } catch (IOException e) {
            throw new IllegalStateException("events of user " + aggregateId + " cannot be read: " + e.getMessage(), e);
        }
        return decoded;
    }

    private static Object read(Target target, JsonParser parser, String aggregateId, StoredEvent event) {
        try {
            return target.reader().readValue(parser);
        } catch (IOException e) {
            throw new IllegalStateException("event " + event.sequence() + " of user " + aggregateId + " ("
                    + event.type() + ") cannot be read: " + e.getMessage(), e);
        }
    }

    private Object upcast(String aggregateId, StoredEvent event) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("User", aggregateId, event.sequence(),
                aggregateId + ":" + event.sequence(), event.timestamp(), event.type(), event.revision(), event.payload(),
                "{}".getBytes());
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer, upcasters)
                .next().getPayload();
    }

    /** The payloads one after the other, a space apart: a stream of JSON values. */
    private static byte[] joinedPayloads(List<? extends StoredEvent> events) {
        int length = 0;
        for (StoredEvent event : events) {
            length += event.payload().length + 1;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (StoredEvent event : events) {
            byte[] payload = event.payload();
            System.arraycopy(payload, 0, joined, at, payload.length);
            at += payload.length;
            joined[at++] = ' ';
        }
        return joined;
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

package io.userstore.domain.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;

/**
 * The one JSON shape of events, snapshots, messages and tokens: snake_case keys and ISO-8601
 * timestamps, so payloads stay readable in SQL (projections read them directly).
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule().addDeserializer(Instant.class, new PlainInstantDeserializer()))
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(mapper()).build();
    }

    /**
     * A serializer whose deserializers for the events every user's history starts with are made
     * already: making the first ones is most of what reading events costs a short command, so a
     * store being opened has it done on another thread.
     */
    public static JacksonSerializer preparedSerializer() {
        JacksonSerializer serializer = serializer();
        serializer.getObjectMapper().readerFor(UserEvents.UserRegistered.class);
        serializer.getObjectMapper().readerFor(UserEvents.UserImported.class);
        return serializer;
    }
}

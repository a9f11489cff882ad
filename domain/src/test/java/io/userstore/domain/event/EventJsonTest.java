package io.userstore.domain.event;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The serializer a store opens with, its deserializers made ahead, reads events as the plain one writes them. */
class EventJsonTest {

    @Test
    void the_prepared_serializer_reads_what_the_plain_one_writes() {
        JacksonSerializer plain = EventJson.serializer();
        JacksonSerializer prepared = EventJson.preparedSerializer();
        for (Object event : List.of(
                new UserEvents.UserRegistered(7, "v1:name", "v1:mail", "", "", "pbkdf2_sha256$1$s$h", true, false,
                        false, Instant.parse("2026-01-02T03:04:05.123456Z")),
                new UserEvents.AttributeSet("plan", "v1:pro"),
                new UserEvents.UserLoggedIn(Instant.parse("2026-12-02T00:00:00Z")),
                new UserEvents.UserActivated())) {
            SerializedObject<byte[]> written = plain.serialize(event, byte[].class);
            assertEquals(event, prepared.deserialize(written));
        }
    }
}

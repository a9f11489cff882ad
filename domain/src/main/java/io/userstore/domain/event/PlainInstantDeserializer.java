package io.userstore.domain.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.userstore.domain.time.UtcTimestamps;

import java.io.IOException;
import java.time.Instant;

/** Reads the plain UTC form events are written in by hand, anything else as Jackson would. */
final class PlainInstantDeserializer extends StdScalarDeserializer<Instant> {

    PlainInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant plain = UtcTimestamps.parseInstant(parser.getText());
            if (plain != null) {
                return plain;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}

package io.userstore.domain.log;

import io.userstore.domain.event.StoredEvent;

import java.util.List;

/**
 * One user's stored events as the log holds them, in order, not decoded yet, with the key that
 * opens its personal data (null once the user is forgotten).
 */
public record LoggedUser(String aggregateId, byte[] key, List<Event> events) {

    /** One stored event. */
    public record Event(long sequence, String type, String revision, byte[] payload, String timestamp)
            implements StoredEvent {
    }

    public long userId() {
        return Long.parseLong(aggregateId);
    }
}

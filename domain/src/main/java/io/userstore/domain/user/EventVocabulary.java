package io.userstore.domain.user;

import io.userstore.domain.store.Jdbc;
import io.userstore.domain.store.StoreSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The names that occur in events and are not personal data (groups, permissions, attribute
 * keys), read straight from the event payloads for completion. Personal values are sealed and
 * never offered.
 */
public final class EventVocabulary {

    private static final int LIMIT = 1000;

    private final Jdbc jdbc;

    public EventVocabulary(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> distinct(Class<?> eventType, String field) {
        return jdbc.query("SELECT DISTINCT convert_from(payload, 'UTF8')::jsonb ->> ? AS name FROM "
                + StoreSchema.EVENT_TABLE + " WHERE payload_type = ? ORDER BY name LIMIT " + LIMIT, rs -> {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    return names;
                }, field, eventType.getName());
    }
}

package io.userstore.projections;

import io.userstore.domain.Progress;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a replay writes is exactly what the events say, whatever the text and whatever the revision. */
class ReplayFidelityTest {

    private static final String AWKWARD = "plain \\N\t\\, then Zoë: tab\there, line\nbreak, return\r, back\\slash, \\N, 日本, 𝄞";

    private final ProjectionFixture f = new ProjectionFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void text_with_copy_escapes_and_any_unicode_comes_back_exactly() throws Exception {
        f.add("alice", Map.of("first_name", AWKWARD, "note", AWKWARD));
        String spec = ProjectionFixture.specFile("""
                name: notes
                table: notes
                columns:
                  - {name: id, from: id, type: bigint, primary_key: true}
                  - {name: first_name, from: first_name, type: text}
                  - {name: note, from: attr.note, type: text}
                """);
        f.projections.create("notes", spec, Progress.NONE);
        f.projections.switchTo("notes");
        assertEquals(List.of(List.of(AWKWARD, AWKWARD)), f.rows("SELECT first_name, note FROM notes"));

        f.add("bob", Map.of("note", AWKWARD + " (live)"));
        assertEquals(List.of(List.of(AWKWARD + " (live)")), f.rows("SELECT note FROM notes WHERE id = 2"));
    }

    @Test
    void an_old_revision_among_current_events_is_upcast_in_a_build() {
        long id = f.add("alice", Map.of());
        f.store.users().grant("alice", List.of("shop.view_order"));
        Sql.execute(f.url, "INSERT INTO userstore.domain_event_entry (aggregate_identifier, sequence_number, type,"
                + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES ('"
                + id + "', 2, 'User', gen_random_uuid()::text, convert_to('{}', 'UTF8'),"
                + " convert_to('{\"app_label\":\"shop\",\"codename\":\"refund_order\"}', 'UTF8'), '1',"
                + " 'io.userstore.domain.event.UserEvents$PermissionGranted', '2025-01-01T00:00:00Z')");
        f.store.users().set("alice", Map.of("email", "alice@example.com"));

        f.projections.create("django_auth_user", "builtin:django_auth_user", Progress.NONE);
        f.projections.switchTo("django_auth_user");
        assertEquals(List.of(List.of("shop.refund_order"), List.of("shop.view_order")),
                f.rows("SELECT permission FROM auth_user_user_permissions ORDER BY 1"));
        assertEquals(List.of(List.of("alice@example.com")), f.rows("SELECT email FROM auth_user"));
    }
}

package io.userstore.domain.event;

import io.userstore.domain.UserStore;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A revision-1 permission event, as an older userstore wrote it, reads as revision 2. */
class PermissionEventUpcasterTest {

    @Test
    void reads_the_old_two_field_shape_as_app_label_dot_codename() {
        String url = TestDatabases.freshEmbedded();
        try (UserStore store = TestDatabases.open(url)) {
            long id = store.users().add(new NewUser("alice", null, PasswordInput.NONE, Map.of()));
            Sql.execute(url, "INSERT INTO userstore.domain_event_entry (aggregate_identifier, sequence_number, type,"
                    + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES ('"
                    + id + "', 1, 'User', gen_random_uuid()::text, convert_to('{}', 'UTF8'),"
                    + " convert_to('{\"app_label\":\"shop\",\"codename\":\"refund_order\"}', 'UTF8'), '1',"
                    + " 'io.userstore.domain.event.UserEvents$PermissionGranted', '2025-01-01T00:00:00Z')");

            assertEquals(List.of("shop.refund_order"), List.copyOf(store.queries().show("alice", null).permissions()));
            assertEquals("shop.refund_order", store.queries().history("alice").get(1).details());
            store.users().revoke("alice", List.of("shop.refund_order")); // the aggregate reads it too
            assertEquals(List.of(), List.copyOf(store.queries().show("alice", null).permissions()));
        }
    }
}

package io.userstore.domain.user;

import io.userstore.domain.UserStore;
import io.userstore.domain.password.PasswordCheck;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void addAndShow() {
        try (UserStore store = TestDatabases.open(TestDatabases.freshEmbedded())) {
            long id = store.users().add(new NewUser("alice", null, PasswordInput.plaintext("s3cret"),
                    Map.of("email", "alice@example.com", "phone", "123")));
            store.users().set("alice", Map.of("first_name", "Alice", "is_staff", "true"));
            store.users().join("alice", java.util.List.of("editors"));
            UserView view = store.queries().show("alice", null);
            System.out.println(view);
            System.out.println(store.queries().history("alice"));
            System.out.println(store.queries().list(-1, Map.of()));
            assertEquals(PasswordCheck.OK, store.queries().checkPassword("alice", "s3cret"));
            assertEquals(1, id);
        }
    }
}

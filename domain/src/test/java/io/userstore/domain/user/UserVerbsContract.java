package io.userstore.domain.user;

import io.userstore.domain.read.HistoryEntry;
import io.userstore.domain.read.UserQueries;
import io.userstore.domain.write.UserWrites;
import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.password.PasswordCheck;
import io.userstore.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every user verb, invariant and error path against a real PostgreSQL store. Each failing
 * operation is checked to leave the store exactly as it was.
 */
abstract class UserVerbsContract {

    private String url;
    private UserStore store;
    private UserWrites users;
    private UserQueries queries;

    protected abstract String freshDatabase();

    @BeforeEach
    void open() {
        url = freshDatabase();
        store = io.userstore.testing.TestDatabases.open(url);
        users = store.users();
        queries = store.queries();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long add(String username, String... assignments) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String assignment : assignments) {
            String[] kv = assignment.split("=", 2);
            fields.put(kv[0], kv[1]);
        }
        return users.add(new NewUser(username, null, PasswordInput.NONE, fields));
    }

    /** Runs a failing operation and checks its message and that nothing at all was stored. */
    private void refused(String expectedMessage, Executable operation) {
        List<List<String>> before = snapshot();
        UserStoreException e = assertThrows(UserStoreException.class, operation);
        assertEquals(expectedMessage, e.getMessage());
        assertEquals(before, snapshot(), "a failed command must change nothing");
    }

    private List<List<String>> snapshot() {
        return Sql.rows(url, "SELECT (SELECT count(*) FROM userstore.domain_event_entry)::text,"
                + " (SELECT string_agg(username || ':' || user_id, ',' ORDER BY username) FROM userstore.user_registry),"
                + " (SELECT string_agg(user_id || ':' || (key IS NULL), ',' ORDER BY user_id) FROM userstore.user_registry),"
                + " (SELECT last_value || ':' || is_called FROM userstore.user_id_seq)");
    }

    @Test
    void add_assigns_ids_in_order_and_records_every_field() {
        assertEquals(1, add("alice"));
        long id = users.add(new NewUser("bob", null, PasswordInput.plaintext("pw"), Map.of("email", "bob@example.com",
                "first_name", "Bob", "last_name", "Builder", "is_staff", "true", "is_superuser", "true",
                "is_active", "false", "phone", "+49 30 1234")));
        assertEquals(2, id);
        UserView bob = queries.show("bob", null);
        assertEquals("bob@example.com", bob.email());
        assertEquals("Bob", bob.firstName());
        assertEquals("Builder", bob.lastName());
        assertTrue(bob.staff());
        assertTrue(bob.superuser());
        assertFalse(bob.active());
        assertEquals(Map.of("phone", "+49 30 1234"), bob.attributes());
        assertEquals("pbkdf2_sha256", bob.passwordAlgorithm());
        assertNull(bob.lastLogin());
        assertEquals("unusable", queries.show("alice", null).passwordAlgorithm());
    }

    @Test
    void usernames_are_unique_and_case_sensitive() {
        add("admin");
        add("Admin");
        add("аdmin"); // Cyrillic а
        refused("username admin is already taken (usernames are unique and case-sensitive); choose another one or"
                + " `user show admin`", () -> add("admin"));
    }

    @Test
    void usernames_must_have_1_to_150_valid_characters() {
        add("x".repeat(150));
        refused("username '" + "x".repeat(40) + "…' is 151 characters long; the limit is 150", () -> add("x".repeat(151)));
        refused("a username cannot be empty; give 1 to 150 characters", () -> add(""));
        refused("username 'two words' has a character usernames cannot hold; use letters, digits and @ . + - _",
                () -> add("two words"));
        add("zoë+news@example.com");
        add("田中太郎");
    }

    @Test
    void an_explicit_id_moves_the_sequence_past_it() {
        assertEquals(100, users.add(new NewUser("hundred", 100L, PasswordInput.NONE, Map.of())));
        assertEquals(101, add("next"));
        assertEquals(50, users.add(new NewUser("fifty", 50L, PasswordInput.NONE, Map.of())));
        assertEquals(102, add("after"));
        refused("user id 100 is already taken; leave out --id to get the next free one",
                () -> users.add(new NewUser("again", 100L, PasswordInput.NONE, Map.of())));
        refused("--id 0 is not a valid id; ids are 1 to 2147483647",
                () -> users.add(new NewUser("zero", 0L, PasswordInput.NONE, Map.of())));
    }

    @Test
    void values_no_table_can_hold_are_refused_at_input_and_change_nothing() {
        add("bob");
        refused("the value of note holds a NUL character (\\0), which no table can hold; remove it",
                () -> add("x", "note=a\0b"));
        refused("username 'cafe\u0301' has a character usernames cannot hold; use letters, digits and @ . + - _",
                () -> add("cafe\u0301"));
        refused("--id 2147483648 is not a valid id; ids are 1 to 2147483647",
                () -> users.add(new NewUser("big", 2147483648L, PasswordInput.NONE, Map.of())));
        refused("--id 9223372036854775807 is not a valid id; ids are 1 to 2147483647",
                () -> users.add(new NewUser("big", Long.MAX_VALUE, PasswordInput.NONE, Map.of())));
        refused("--at +99999-01-01T00:00:00Z is out of range; give a time in the years 1 to 9999",
                () -> users.recordLogin("bob", Instant.parse("+99999-01-01T00:00:00Z")));
        refused("username bob is already taken (usernames are unique and case-sensitive); choose another one or"
                + " `user show bob`", () -> add("bob"));
        assertEquals(2, add("after"), "no failed add moved the sequence");
    }

    @Test
    void emails_must_be_plausible_and_attribute_keys_well_formed() {
        refused("email 'not-an-email' is not a plausible e-mail address; give one like name@example.com"
                + " (at most 254 characters), or an empty one", () -> add("a", "email=not-an-email"));
        refused("attribute key 'Phone' is invalid; keys are a lowercase letter followed by up to 62 lowercase"
                + " letters, digits or _", () -> add("a", "Phone=1"));
        refused("username cannot be set this way; use `user rename`", () -> add("a", "username=b"));
        add("a", "email=John.Doe+News@Example.COM", "birthday=1990-05-01");
        add("b", "email=user@пример.рф", "email=");
        assertEquals("", queries.show("b", null).email());
    }

    @Test
    void set_changes_core_fields_and_attributes() {
        add("alice");
        users.set("alice", Map.of("email", "a@example.com", "first_name", "Alice", "last_name", "O'Hara",
                "is_staff", "yes", "vip", "true"));
        UserView alice = queries.show("alice", null);
        assertEquals("a@example.com", alice.email());
        assertEquals("O'Hara", alice.lastName());
        assertTrue(alice.staff());
        assertEquals("true", alice.attributes().get("vip"));
        refused("is_staff='maybe' is not a boolean; use true or false", () -> users.set("alice", Map.of("is_staff", "maybe")));
        refused("password cannot be set this way; use `user passwd`", () -> users.set("alice", Map.of("password", "x")));
        refused("no user named nobody; `user list` shows the users there are", () -> users.set("nobody", Map.of("vip", "1")));
    }

    @Test
    void unset_removes_attributes_it_has() {
        add("alice", "phone=1", "vip=true");
        users.unset("alice", List.of("phone"));
        assertEquals(Map.of("vip", "true"), queries.show("alice", null).attributes());
        refused("user alice has no attribute phone; `user show` lists the attributes it has",
                () -> users.unset("alice", List.of("vip", "phone")));
    }

    @Test
    void rename_moves_the_claim() {
        add("alice");
        add("bob");
        users.rename("alice", "alicia");
        assertEquals("alicia", queries.show("alicia", null).username());
        refused("no user named alice; `user list` shows the users there are", () -> queries.show("alice", null));
        refused("username bob is already taken (usernames are unique and case-sensitive); choose another one or"
                + " `user show bob`", () -> users.rename("alicia", "bob"));
        add("alice");
    }

    @Test
    void passwords_are_hashed_checked_and_replaced() {
        users.add(new NewUser("alice", null, PasswordInput.plaintext("s3cret"), Map.of()));
        assertEquals(PasswordCheck.OK, queries.checkPassword("alice", "s3cret"));
        assertEquals(PasswordCheck.MISMATCH, queries.checkPassword("alice", "S3cret"));
        users.changePassword("alice", PasswordInput.plaintext("n3w"));
        assertEquals(PasswordCheck.OK, queries.checkPassword("alice", "n3w"));
        users.changePassword("alice", PasswordInput.hash("argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA"));
        assertEquals(PasswordCheck.UNSUPPORTED, queries.checkPassword("alice", "n3w"));
        assertEquals("argon2", queries.show("alice", null).passwordAlgorithm());
        refused("--password-hash expects a Django-encoded hash such as pbkdf2_sha256$1000000$SALT$HASH"
                        + " (at most 128 characters); to set a plaintext use --password",
                () -> users.changePassword("alice", PasswordInput.hash("plaintext")));
        assertFalse(Sql.allEventPayloads(url).contains("s3cret"));
        assertFalse(Sql.allEventPayloads(url).contains("n3w"));
    }

    @Test
    void logins_flags_groups_and_permissions() {
        add("alice");
        Instant at = Instant.parse("2025-05-01T12:00:00.123456Z");
        users.recordLogin("alice", at);
        users.activate("alice", false);
        users.join("alice", List.of("Editors", "Über–Gruppe"));
        users.grant("alice", List.of("shop.refund_order", "auth.view_user"));
        users.leave("alice", List.of("Editors"));
        users.revoke("alice", List.of("auth.view_user"));
        UserView alice = queries.show("alice", null);
        assertEquals(at, alice.lastLogin());
        assertFalse(alice.active());
        assertEquals(List.of("Über–Gruppe"), List.copyOf(alice.groups()));
        assertEquals(List.of("shop.refund_order"), List.copyOf(alice.permissions()));
        users.activate("alice", true);
        assertTrue(queries.show("alice", null).active());
        refused("user alice is not in group Editors", () -> users.leave("alice", List.of("Editors")));
        refused("permission 'refund' is not of the form app_label.codename (e.g. shop.refund_order)",
                () -> users.grant("alice", List.of("refund")));
        refused("user alice does not have permission auth.view_user", () -> users.revoke("alice", List.of("auth.view_user")));
    }

    @Test
    void show_as_of_rebuilds_the_past_from_events() throws Exception {
        add("alice", "email=old@example.com");
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        users.set("alice", Map.of("email", "new@example.com"));
        assertEquals("old@example.com", queries.show("alice", between).email());
        assertEquals("new@example.com", queries.show("alice", null).email());
        Instant before = Instant.parse("2000-01-01T00:00:00Z");
        refused("user alice did not exist yet at 2000-01-01T00:00:00Z; `user history alice` shows when it was registered",
                () -> queries.show("alice", before));
    }

    @Test
    void history_lists_every_event_in_order_without_hashes() {
        users.add(new NewUser("alice", null, PasswordInput.plaintext("pw"), Map.of("phone", "1")));
        users.join("alice", List.of("Staff"));
        List<HistoryEntry> history = queries.history("alice");
        assertEquals(List.of("user registered", "attribute set", "group joined"),
                history.stream().map(HistoryEntry::event).toList());
        assertEquals("phone=1", history.get(1).details());
        assertFalse(history.toString().contains("pbkdf2_sha256$"));
    }

    @Test
    void list_filters_and_limits_in_id_order() {
        add("alice", "is_staff=true", "plan=pro");
        add("bob", "plan=free");
        add("carol", "is_staff=true", "plan=pro");
        users.join("carol", List.of("Editors"));
        assertEquals(List.of("alice", "bob", "carol"), names(queries.list(-1, Map.of())));
        assertEquals(List.of("alice", "bob"), names(queries.list(2, Map.of())));
        assertEquals(List.of("alice", "carol"), names(queries.list(-1, Map.of("is_staff", "true"))));
        assertEquals(List.of("carol"), names(queries.list(-1, Map.of("plan", "pro", "group", "Editors"))));
        assertEquals(List.of(), names(queries.list(-1, Map.of("plan", "enterprise"))));
    }

    @Test
    void forget_erases_personal_data_for_good_and_frees_the_username() {
        long id = add("alice", "email=alice@example.com", "first_name=Alice", "phone=555-0100");
        users.forget("alice");
        UserView forgotten = queries.show("#" + id, null);
        assertEquals(PersonalDataCipher.ERASED, forgotten.username());
        assertEquals(PersonalDataCipher.ERASED, forgotten.email());
        assertEquals(PersonalDataCipher.ERASED, forgotten.attributes().get("phone"));
        assertTrue(queries.history("#" + id).stream().allMatch(e -> !e.details().contains("alice")));
        assertEquals(List.of(), names(queries.list(-1, Map.of())));
        assertEquals(1, Sql.count(url, "SELECT count(*) FROM userstore.user_registry WHERE user_id = ? AND key IS NULL AND username IS NULL", id));
        String payloads = Sql.allEventPayloads(url);
        assertFalse(payloads.contains("alice@example.com") || payloads.contains("555-0100") || payloads.contains("Alice"));
        refused("no user named alice; `user list` shows the users there are", () -> users.set("alice", Map.of("a", "b")));
        refused("user #" + id + " was forgotten: its personal data is erased and it can no longer change",
                () -> users.set("#" + id, Map.of("a", "b")));
        assertEquals(id + 1, add("alice"));
    }

    @Test
    void delete_frees_the_username_and_keeps_the_history() {
        long id = add("alice", "email=alice@example.com");
        add("bob");
        users.delete("alice");
        assertEquals(List.of("bob"), names(queries.list(-1, Map.of())));
        assertEquals(List.of("user registered", "user deleted"),
                queries.history("#" + id).stream().map(HistoryEntry::event).toList(), "its history stays readable");
        assertTrue(queries.show("#" + id, null).deleted());
        refused("user #" + id + " was deleted; it can no longer change", () -> users.set("#" + id, Map.of("a", "b")));
        refused("user #" + id + " was deleted already", () -> users.delete("#" + id));
        users.forget("#" + id);
        assertEquals(PersonalDataCipher.ERASED, queries.show("#" + id, null).email(), "a deleted user can be forgotten");
        assertEquals(id + 2, add("alice"), "the username is free again, the id is not");
    }

    private static List<String> names(List<UserView> users) {
        return users.stream().map(UserView::username).toList();
    }
}

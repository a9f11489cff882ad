package io.userstore.domain.event;

import io.userstore.domain.UserStore;
import io.userstore.domain.UserStoreException;
import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.log.LoggedUser;
import io.userstore.domain.read.HistoryEntry;
import io.userstore.domain.read.UserFolds;
import io.userstore.domain.tx.Jdbc;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.domain.user.UserRules;
import io.userstore.domain.user.UserView;
import io.userstore.domain.write.UserWrites;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The SQL functions that append events (what the triggers on projected tables call) write every
 * event exactly as the Java side does: Axon reads both, and they fold to the same user. Their
 * rules refuse exactly what the shell refuses, and what SQL seals Java opens.
 */
class SqlEventFunctionsTest {

    private static final String HASH = "pbkdf2_sha256$1000$saltsalt$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String OTHER_HASH = "pbkdf2_sha256$1000$pepper$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private static final Instant LOGIN = Instant.parse("2025-06-01T12:34:56.123456Z");

    private final String url = TestDatabases.freshEmbedded();
    private final UserStore store = TestDatabases.open(url);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void every_event_appended_by_sql_reads_and_folds_as_the_same_event_appended_by_java() throws SQLException {
        long javaUser = throughJava();
        long sqlUser = throughSql();

        List<String> javaEvents = store.queries().history("#" + javaUser).stream().map(HistoryEntry::event).toList();
        List<String> sqlEvents = store.queries().history("#" + sqlUser).stream().map(HistoryEntry::event).toList();
        assertEquals(javaEvents, sqlEvents);
        assertEquals(Set.of("user registered", "attribute set", "attribute unset", "email changed", "name changed",
                "password changed", "user deactivated", "user activated", "staff granted", "staff revoked",
                "superuser granted", "superuser revoked", "group joined", "group left", "permission granted",
                "permission revoked", "user logged in", "username changed", "user deleted"), Set.copyOf(sqlEvents),
                "every kind of event a user can have");
        assertEquals(details(javaUser).stream().map(said -> said.replace("java_user", "sql_user")).toList(),
                details(sqlUser), "what each event did, in words");

        UserView java = store.queries().show("#" + javaUser, null);
        UserView sql = store.queries().show("#" + sqlUser, null);
        assertEquals(comparable(java), comparable(sql), "Axon's event store reads both the same");
        assertEquals(comparable(sql), comparable(foldedFromTheLog(sqlUser)), "and so does the log read directly");
        assertEquals("pbkdf2_sha256", sql.passwordAlgorithm());
        assertEquals(LOGIN, sql.lastLogin());
        assertEquals(store.queries().checkPassword("#" + javaUser, "x"), store.queries().checkPassword("#" + sqlUser, "x"));

        String payloads = Sql.allEventPayloads(url);
        for (String personal : List.of("a@example.com", "b@example.com", "Anna", "Lee", "+49 30", "sql_user")) {
            assertFalse(payloads.contains(personal), personal + " is sealed in every event");
        }
    }

    private long throughJava() {
        UserWrites users = store.users();
        long id = users.add(new NewUser("java_user", null, PasswordInput.hash(HASH),
                Map.of("email", "a@example.com", "first_name", "Ann", "last_name", "Lee")));
        users.set("java_user", Map.of("phone", "+49 30"));
        users.set("java_user", Map.of("note", "x"));
        users.unset("java_user", List.of("note"));
        users.set("java_user", Map.of("email", "b@example.com"));
        users.set("java_user", Map.of("first_name", "Anna"));
        users.changePassword("java_user", PasswordInput.hash(OTHER_HASH));
        users.activate("java_user", false);
        users.activate("java_user", true);
        for (String flag : List.of("is_staff", "is_superuser")) {
            users.set("java_user", Map.of(flag, "true"));
            users.set("java_user", Map.of(flag, "false"));
        }
        users.join("java_user", List.of("Editors", "Staff"));
        users.leave("java_user", List.of("Editors"));
        users.grant("java_user", List.of("shop.view_order", "shop.refund_order"));
        users.revoke("java_user", List.of("shop.view_order"));
        users.recordLogin("java_user", LOGIN);
        users.rename("java_user", "java_user_2");
        users.delete("java_user_2");
        return id;
    }

    private long throughSql() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            long id;
            try (PreparedStatement register = connection.prepareStatement("SELECT userstore.register_user(NULL,"
                    + " 'sql_user', 'a@example.com', 'Ann', 'Lee', ?, true, false, false, now())")) {
                register.setString(1, HASH);
                var rs = register.executeQuery();
                rs.next();
                id = rs.getLong(1);
            }
            for (String call : List.of("set_attribute(%d, 'phone', '+49 30')", "set_attribute(%d, 'note', 'x')",
                    "set_attribute(%d, 'note', NULL)", "change_email(%d, 'b@example.com')",
                    "change_name(%d, 'Anna', NULL)", "change_password(%d, '" + OTHER_HASH + "')",
                    "set_flag(%d, 'active', false)", "set_flag(%d, 'active', true)", "set_flag(%d, 'staff', true)",
                    "set_flag(%d, 'staff', false)", "set_flag(%d, 'superuser', true)",
                    "set_flag(%d, 'superuser', false)", "join_group(%d, 'Editors')", "join_group(%d, 'Staff')",
                    "leave_group(%d, 'Editors')", "grant_permission(%d, 'shop.view_order')",
                    "grant_permission(%d, 'shop.refund_order')", "revoke_permission(%d, 'shop.view_order')",
                    "record_login(%d, '2025-06-01T12:34:56.123456Z')", "rename_user(%d, 'sql_user_2')",
                    "delete_user(%d)")) {
                connection.createStatement().execute("SELECT userstore." + String.format(call, id));
            }
            return id;
        }
    }

    private List<String> details(long user) {
        return store.queries().history("#" + user).stream().map(HistoryEntry::details).toList();
    }

    /** A user's state without what tells the two apart (id, name, when it was registered). */
    private static List<Object> comparable(UserView user) {
        return List.of(user.email(), user.firstName(), user.lastName(), user.active(), user.staff(), user.superuser(),
                String.valueOf(user.lastLogin()), user.groups(), user.permissions(), user.attributes(),
                String.valueOf(user.passwordAlgorithm()), user.forgotten(), user.deleted());
    }

    private UserView foldedFromTheLog(long user) {
        List<LoggedUser> logged = new ArrayList<>();
        new Jdbc(store.transactions()).inTransaction(connection ->
                store.eventLog().readUsers(connection, Set.of(user), logged::add));
        return new UserFolds().fold(logged.get(0)).view();
    }

    @Test
    void what_sql_seals_java_opens_and_what_java_seals_for_sql_sql_opens() throws SQLException {
        PersonalDataCipher cipher = new PersonalDataCipher();
        byte[] key = cipher.newKey();
        String plain = "Zoë 日本 𝄞 alice@example.com";
        try (Connection connection = DriverManager.getConnection(url)) {
            PreparedStatement seal = connection.prepareStatement("SELECT userstore.seal(?, 42, ?)");
            seal.setBytes(1, key);
            seal.setString(2, plain);
            var sealed = seal.executeQuery();
            sealed.next();
            assertEquals(plain, cipher.open(key, 42, sealed.getString(1)), "sealed in SQL, opened in Java");
            assertEquals("[erased]", cipher.open(null, 42, sealed.getString(1)), "and gone once the key is");

            byte[] fromJava = Base64.getDecoder().decode(cipher.sealAsSql(key, 42, plain).substring(3));
            PreparedStatement open = connection.prepareStatement("""
                    SELECT convert_from(userstore.decrypt_iv(substring(b FROM 17 FOR length(b) - 48),
                               userstore.hmac(convert_to('userstore-seal-v2-encrypt', 'UTF8'), k, 'sha256'),
                               substring(b FROM 1 FOR 16), 'aes-cbc/pad:pkcs'), 'UTF8'),
                           userstore.hmac(int8send(42) || substring(b FROM 1 FOR length(b) - 32),
                               userstore.hmac(convert_to('userstore-seal-v2-mac', 'UTF8'), k, 'sha256'), 'sha256')
                    FROM (SELECT ?::bytea AS b, ?::bytea AS k) given""");
            open.setBytes(1, fromJava);
            open.setBytes(2, key);
            var opened = open.executeQuery();
            opened.next();
            assertEquals(plain, opened.getString(1), "sealed in Java, opened with pgcrypto");
            assertArrayEquals(java.util.Arrays.copyOfRange(fromJava, fromJava.length - 32, fromJava.length),
                    opened.getBytes(2), "with the same authentication tag");
        }
    }

    @Test
    void sql_refuses_exactly_what_the_shell_refuses() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            for (String username : List.of("alice", "Alice", "a.b@c+d-e_f", "café", "日本語", "user٣", "cafe\u0301",
                    "ｆｕｌｌ", "a b", "a!b", "tab\t", "x".repeat(150), "x".repeat(151), "", "𝒜lice", "ǆ", "Ⅻ")) {
                sameVerdict("username " + username, () -> UserRules.username(username),
                        () -> call(connection, "check_username(?)", username));
            }
            for (String email : List.of("", "a@b", "a@b.c", "first.last+tag@sub.example.org", "a@@b", "a b@c.d",
                    "a@b..c", "@b.c", "a@.b", "a@b.", "x@" + "y".repeat(253), "ü@ü.de", "a@b\tc")) {
                sameVerdict("email " + email, () -> UserRules.email(email), () -> call(connection, "check_email(?)", email));
            }
            for (String permission : List.of("shop.refund_order", "a.b", "_x.y1", "a", "1a.b", "a.b-c", "a..b", "a.")) {
                sameVerdict("permission " + permission, () -> UserRules.permissions(List.of(permission)),
                        () -> call(connection, "check_permission(?)", permission));
            }
            for (String key : List.of("phone", "tg_id", "a" + "b".repeat(62), "a" + "b".repeat(63), "Phone", "1a",
                    "_a", "email", "is_staff", "groups")) {
                sameVerdict("attribute key " + key, () -> UserRules.attributeKey(key),
                        () -> call(connection, "check_attribute(?, 'value')", key));
            }
            for (String hash : List.of(HASH, "!unusable", "argon2$argon2id$v=19$m=1,t=2,p=1$c2FsdA$aGFzaA",
                    "md5$salt$hash", "plaintext", "pbkdf2_sha256", "x$" + "y".repeat(130), "Upper$case")) {
                sameVerdict("password hash " + hash, () -> UserRules.passwordHash("--password-hash", hash),
                        () -> call(connection, "check_password_hash(?)", hash));
            }
            for (String group : List.of("Editors", " ", "g".repeat(150), "g".repeat(151))) {
                sameVerdict("group " + group, () -> UserRules.groups(List.of(group)),
                        () -> call(connection, "check_group(?)", group));
            }
            for (String at : List.of("2025-06-01T12:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                    "0000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
                Instant instant = Instant.parse(at);
                sameVerdict("instant " + at, () -> UserRules.instant("--at", instant),
                        () -> call(connection, "check_instant('last_login', ?::timestamptz)", at.replace("+", "")));
            }
        }
    }

    private static void sameVerdict(String what, Executable java, Executable sql) {
        assertEquals(refuses(java), refuses(sql), what + ": the shell and SQL agree");
    }

    private static boolean refuses(Executable check) {
        try {
            check.execute();
            return false;
        } catch (UserStoreException | SQLException refused) {
            return true;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static void call(Connection connection, String function, String argument) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT userstore." + function)) {
            statement.setString(1, argument);
            statement.executeQuery();
        }
    }
}

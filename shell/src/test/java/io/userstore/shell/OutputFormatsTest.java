package io.userstore.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --format json and csv print exactly what COMMANDS.md documents, and nothing for people on stdout. */
class OutputFormatsTest {

    private final Shell shell = Shell.onFreshDatabase();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void user_show_as_json_has_the_documented_keys_and_never_the_hash() throws Exception {
        shell.run("-c", "user add alice --email alice@example.com --password s3cret --first-name Alice --staff"
                + " --set phone=+4930", "-c", "user join alice Editors", "-c", "user grant alice shop.refund_order",
                "-c", "user login alice --at 2025-05-01T12:00:00.123456Z");
        Shell.Run run = shell.run("--format", "json", "-c", "user show alice");
        assertEquals("", run.err(), "nothing for people on stderr here, and nothing mixed into stdout");
        JsonNode user = json.readTree(run.out());
        List<String> keys = new ArrayList<>();
        user.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "username", "email", "first_name", "last_name", "is_active", "is_staff",
                "is_superuser", "last_login", "date_joined", "groups", "permissions", "attributes", "password_algorithm"),
                keys);
        assertEquals(1, user.get("id").asLong());
        assertTrue(user.get("is_staff").asBoolean());
        assertEquals("2025-05-01T12:00:00.123456+00:00", user.get("last_login").asText());
        assertTrue(user.get("date_joined").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        assertEquals("Editors", user.get("groups").get(0).asText());
        assertEquals("shop.refund_order", user.get("permissions").get(0).asText());
        assertEquals("+4930", user.get("attributes").get("phone").asText());
        assertEquals("pbkdf2_sha256", user.get("password_algorithm").asText());
        assertFalse(run.out().contains("pbkdf2_sha256$"), "the hash itself is never printed");
    }

    @Test
    void lists_are_json_arrays_and_csv_has_a_header_then_rows() throws Exception {
        assertEquals(0, shell.run("-c", "user add alice", "-c", "user add bob --first-name 'Bob, \"the builder\"'").status());
        JsonNode list = json.readTree(shell.run("--format", "json", "-c", "user list").out());
        assertTrue(list.isArray());
        assertEquals(2, list.size());
        List<String> csv = shell.run("--format", "csv", "-c", "user list").out().lines().toList();
        assertEquals("id,username,email,first_name,last_name,is_active,is_staff,is_superuser,last_login,date_joined,"
                + "groups,permissions,attributes,password_algorithm", csv.get(0));
        assertTrue(csv.get(2).startsWith("2,bob,,\"Bob, \"\"the builder\"\"\","), csv.get(2));
    }

    @Test
    void messages_go_to_stderr_with_machine_formats_and_quiet_drops_them() {
        Shell.Run json = shell.run("--format", "json", "-c", "user add alice");
        assertEquals("", json.out());
        assertEquals("added alice (id 1)\n", json.err());
        Shell.Run quiet = shell.run("--quiet", "-c", "user add bob");
        assertEquals("", quiet.out() + quiet.err());
        Shell.Run table = shell.run("-c", "user add carol");
        assertEquals("added carol (id 3)\n", table.out());
    }
}

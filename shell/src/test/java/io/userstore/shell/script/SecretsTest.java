package io.userstore.shell.script;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretsTest {

    @Test
    void masks_password_values_however_they_are_written() {
        assertEquals("user add a --password ***", Secrets.maskLine("user add a --password hunter2"));
        assertEquals("user add a --password=***", Secrets.maskLine("user add a --password=hunter2"));
        assertEquals("user add a --password *** --email e", Secrets.maskLine("user add a --password 'two words' --email e"));
        assertEquals("user passwd a --password-hash ***", Secrets.maskLine("user passwd a --password-hash pbkdf2_sha256$1$s$h"));
        assertEquals("user add a --pasword ***", Secrets.maskLine("user add a --pasword hunter2"));
        assertEquals("user add a --password ***", Secrets.maskLine("user add a --password 'unclosed"));
        assertEquals("user show alice", Secrets.maskLine("user show alice"));
    }

    @Test
    void a_password_typed_with_spaces_and_no_quotes_is_masked_to_its_last_word() {
        assertEquals("user check-password admin --password *** --format csv",
                Secrets.maskLine("user check-password admin --password correct horse battery staple --format csv"));
        assertEquals("user add a --password=***", Secrets.maskLine("user add a --password=correct horse"));
        assertEquals(java.util.Set.of("correct", "horse", "battery"),
                Secrets.in(java.util.List.of("user", "add", "a", "--password", "correct", "horse", "battery", "-q")));
        assertEquals("user add a --password *** --email e", Secrets.maskLine("user add a --password correct 'horse --email e"));
    }
}

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
}

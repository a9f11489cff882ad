package io.userstore.domain.password;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DjangoPasswordHasherTest {

    private final DjangoPasswordHasher hasher = new DjangoPasswordHasher(1000);

    @Test
    void hashes_in_djangos_pbkdf2_sha256_format_with_a_fresh_salt() {
        String hash = hasher.hash("s3cret");
        assertTrue(hash.matches("pbkdf2_sha256\\$1000\\$[A-Za-z0-9]{22}\\$[A-Za-z0-9+/]{43}="), hash);
        assertNotEquals(hash, hasher.hash("s3cret"));
        assertEquals(PasswordCheck.OK, hasher.check("s3cret", hash));
        assertEquals(PasswordCheck.MISMATCH, hasher.check("s3cret ", hash));
    }

    @Test
    void unusable_hashes_never_match_and_foreign_ones_are_unsupported() {
        assertEquals(PasswordCheck.MISMATCH, hasher.check("", "!"));
        assertEquals(PasswordCheck.MISMATCH, hasher.check("x", "!AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"));
        assertEquals(PasswordCheck.UNSUPPORTED, hasher.check("x", "md5$abcde$0123456789abcdef0123456789abcdef"));
        assertEquals(PasswordCheck.UNSUPPORTED, hasher.check("x", "scrypt$16384$salt$8$5$aGFzaA=="));
        assertEquals(PasswordCheck.MISMATCH, hasher.check("x", "pbkdf2_sha256$notanumber$salt$aGFzaA=="));
        assertEquals(PasswordCheck.MISMATCH, hasher.check("x", "pbkdf2_sha256$1000$salt$***"));
    }

    @Test
    void names_the_algorithm_without_revealing_the_hash() {
        assertEquals("pbkdf2_sha256", DjangoPasswordHasher.algorithmOf(hasher.hash("x")));
        assertEquals("unusable", DjangoPasswordHasher.algorithmOf("!abc"));
        assertEquals("pbkdf2_sha1", DjangoPasswordHasher.algorithmOf("pbkdf2_sha1$1000$s$h"));
    }
}

package io.userstore.domain.password;

import io.userstore.domain.UserStoreException;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Django-compatible password hashes: {@code pbkdf2_sha256$ITERATIONS$SALT$BASE64} is written;
 * {@code pbkdf2_sha256} and {@code pbkdf2_sha1} are verified exactly as Django does. Any other
 * algorithm is kept verbatim and reported as unsupported; a {@code !}-prefixed (unusable) hash
 * never matches.
 */
public final class DjangoPasswordHasher {

    public static final int DJANGO_DEFAULT_ITERATIONS = 1_000_000;
    private static final String SALT_ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SALT_LENGTH = 22;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public DjangoPasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new UserStoreException("password iterations must be at least 1, got " + iterations);
        }
        this.iterations = iterations;
    }

    public String hash(String plaintext) {
        String salt = randomSalt();
        byte[] key = pbkdf2("PBKDF2WithHmacSHA256", plaintext, salt, iterations, 32);
        return "pbkdf2_sha256$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(key);
    }

    public PasswordCheck check(String plaintext, String encoded) {
        if (encoded == null || encoded.startsWith("!")) {
            return PasswordCheck.MISMATCH;
        }
        String[] parts = encoded.split("\\$", -1);
        String algorithm = parts[0];
        if (!algorithm.equals("pbkdf2_sha256") && !algorithm.equals("pbkdf2_sha1")) {
            return PasswordCheck.UNSUPPORTED;
        }
        if (parts.length != 4 || !parts[1].matches("[1-9][0-9]{0,9}")) {
            return PasswordCheck.MISMATCH;
        }
        boolean sha256 = algorithm.equals("pbkdf2_sha256");
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException malformed) {
            return PasswordCheck.MISMATCH;
        }
        byte[] actual = pbkdf2(sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1",
                plaintext, parts[2], Integer.parseInt(parts[1]), sha256 ? 32 : 20);
        return MessageDigest.isEqual(actual, expected) ? PasswordCheck.OK : PasswordCheck.MISMATCH;
    }

    /** The algorithm name of an encoded hash, as {@code user show} reports it (never the hash). */
    public static String algorithmOf(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        if (encoded.startsWith("!")) {
            return "unusable";
        }
        int dollar = encoded.indexOf('$');
        return dollar < 0 ? "unknown" : encoded.substring(0, dollar);
    }

    /** Whether a string has the shape of a hash Django could have stored, so it is kept verbatim. */
    public static boolean looksEncoded(String encoded) {
        return encoded.startsWith("!") || encoded.matches("[a-z0-9_]+\\$.+");
    }

    private String randomSalt() {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(SALT_ALPHABET.charAt(random.nextInt(SALT_ALPHABET.length())));
        }
        return salt.toString();
    }

    private static byte[] pbkdf2(String algorithm, String plaintext, String salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(plaintext.toCharArray(), salt.getBytes(StandardCharsets.UTF_8),
                iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        } finally {
            spec.clearPassword();
        }
    }
}

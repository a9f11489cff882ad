package io.userstore.domain.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals personal data (usernames, e-mails, names, attribute values) with a per-user AES-GCM
 * key before it enters an event. The user id is bound in as associated data, so a value copied
 * into another user's event does not open. Deleting the key makes every sealed value of that
 * user unreadable for good (crypto-shredding).
 */
public final class PersonalDataCipher {

    public static final int KEY_BYTES = 32;
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks AES/GCM", e);
        }
    });

    private final SecureRandom random = new SecureRandom();

    public byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** Seals a value; null and the empty string (no personal data in either) stay as they are. */
    public String seal(byte[] key, long userId, String plaintext) {
        if (plaintext == null || plaintext.isEmpty()) {
            return plaintext;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, iv, userId, plain, 0, plain.length);
        byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /** Opens a sealed value; {@code key == null} (forgotten user) yields {@link #ERASED}. */
    public String open(byte[] key, long userId, String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return sealed;
        }
        if (key == null) {
            return ERASED;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("value of user " + userId + " is not sealed in a known format");
        }
        byte[] ivAndBody = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        return new String(run(Cipher.DECRYPT_MODE, key, ivAndBody, userId, ivAndBody, IV_BYTES,
                ivAndBody.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    /** What a value of a forgotten user reads as. */
    public static final String ERASED = "[erased]";

    /** The IV is the first {@value IV_BYTES} bytes of {@code iv}. */
    private static byte[] run(int mode, byte[] key, byte[] iv, long userId, byte[] input, int offset, int length) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv, 0, IV_BYTES));
            cipher.updateAAD(ByteBuffer.allocate(Long.BYTES).putLong(userId).array());
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of user " + userId + " could not be "
                    + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }
}

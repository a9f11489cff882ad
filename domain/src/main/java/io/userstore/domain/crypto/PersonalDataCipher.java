package io.userstore.domain.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
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
    /** Sealed by SQL (pgcrypto has no GCM): AES-256-CBC, then HMAC-SHA256; see event-functions.sql. */
    private static final String SQL_PREFIX = "v2:";
    private static final int CBC_IV_BYTES = 16;
    private static final int MAC_BYTES = 32;
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

    /**
     * Loads the JVM's security providers, which the first value sealed or opened would otherwise
     * wait for (a store being opened has it done on another thread).
     */
    public static void loadProviders() {
        try {
            Cipher.getInstance("AES/GCM/NoPadding");
            Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            // the first value sealed or opened reports it
        }
    }

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
        if (sealed.startsWith(SQL_PREFIX)) {
            return openSqlSealed(key, userId, Base64.getDecoder().decode(sealed.substring(SQL_PREFIX.length())));
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("value of user " + userId + " is not sealed in a known format");
        }
        byte[] ivAndBody = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        return new String(run(Cipher.DECRYPT_MODE, key, ivAndBody, userId, ivAndBody, IV_BYTES,
                ivAndBody.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    /** Seals as SQL does (scheme v2); SQL writes use it, Java writes the faster v1. */
    public String sealAsSql(byte[] key, long userId, String plaintext) {
        if (plaintext == null || plaintext.isEmpty()) {
            return plaintext;
        }
        byte[] iv = new byte[CBC_IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(key, "userstore-seal-v2-encrypt"), "AES"),
                    new IvParameterSpec(iv));
            byte[] body = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] mac = mac(key, userId, iv, body);
            return SQL_PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + body.length + mac.length).put(iv).put(body).put(mac).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of user " + userId + " could not be sealed", e);
        }
    }

    private static String openSqlSealed(byte[] key, long userId, byte[] sealed) {
        if (sealed.length < CBC_IV_BYTES + MAC_BYTES + 16) {
            throw new IllegalStateException("value of user " + userId + " is too short to be sealed");
        }
        byte[] iv = Arrays.copyOfRange(sealed, 0, CBC_IV_BYTES);
        byte[] body = Arrays.copyOfRange(sealed, CBC_IV_BYTES, sealed.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(sealed, sealed.length - MAC_BYTES, sealed.length);
        try {
            if (!MessageDigest.isEqual(mac, mac(key, userId, iv, body))) {
                throw new IllegalStateException("personal data of user " + userId + " could not be opened");
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(key, "userstore-seal-v2-encrypt"), "AES"),
                    new IvParameterSpec(iv));
            return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of user " + userId + " could not be opened", e);
        }
    }

    private static byte[] mac(byte[] key, long userId, byte[] iv, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(derive(key, "userstore-seal-v2-mac"), "HmacSHA256"));
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(userId).array());
        mac.update(iv);
        return mac.doFinal(body);
    }

    private static byte[] derive(byte[] key, String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
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

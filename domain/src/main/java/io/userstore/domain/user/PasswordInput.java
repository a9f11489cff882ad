package io.userstore.domain.user;

/**
 * How a password is given: a plaintext to hash, an encoded hash to keep verbatim, or nothing
 * (an unusable password, as Django's {@code set_unusable_password}).
 */
public record PasswordInput(Secret plaintext, String encodedHash) {

    public static final PasswordInput NONE = new PasswordInput(null, null);

    public static PasswordInput plaintext(String plaintext) {
        return new PasswordInput(new Secret(plaintext), null);
    }

    public static PasswordInput hash(String encoded) {
        return new PasswordInput(null, encoded);
    }
}

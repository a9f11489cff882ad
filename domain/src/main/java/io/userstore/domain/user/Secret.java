package io.userstore.domain.user;

/** A plaintext password on its way to the hasher; it never prints itself. */
public final class Secret {

    private final String plaintext;

    public Secret(String plaintext) {
        this.plaintext = plaintext;
    }

    public String reveal() {
        return plaintext;
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}

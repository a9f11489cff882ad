package io.userstore.domain.password;

/** Outcome of comparing a plaintext with a stored hash, as `user check-password` reports it. */
public enum PasswordCheck {
    OK("ok"),
    MISMATCH("mismatch"),
    UNSUPPORTED("unsupported");

    private final String label;

    PasswordCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

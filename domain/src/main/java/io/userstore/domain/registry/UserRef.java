package io.userstore.domain.registry;

/**
 * A user found by name or {@code #id}: its id, the name it was looked up by, and its key
 * ({@code null} once forgotten).
 */
public record UserRef(long id, String label, byte[] key) {

    public boolean forgotten() {
        return key == null;
    }
}

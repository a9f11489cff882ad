package io.userstore.domain.registry;

/**
 * A user found by name or {@code #id}: its id, the name it was looked up by, its key
 * ({@code null} once forgotten), and whether it was deleted (then only {@code #id} finds it).
 */
public record UserRef(long id, String label, byte[] key, boolean deleted) {

    public boolean forgotten() {
        return key == null;
    }
}

package io.userstore.domain;

/**
 * A failure the person at the keyboard can act on. Its message is one line that names what is
 * wrong, with which object and value, and what to do; it never carries a secret.
 */
public class UserStoreException extends RuntimeException {

    public UserStoreException(String message) {
        super(message);
    }

    public UserStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

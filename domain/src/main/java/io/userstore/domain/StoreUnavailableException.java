package io.userstore.domain;

/** The store could not be opened or reached: the shell exits with status 2. */
public class StoreUnavailableException extends UserStoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

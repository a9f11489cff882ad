package io.userstore.projections.spec;

import io.userstore.domain.UserStoreException;

/** A spec that cannot be used, said as {@code FILE:LINE: what is wrong; what to do}. */
public final class SpecException extends UserStoreException {

    public SpecException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
    }
}

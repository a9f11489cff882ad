package io.userstore.projections.api;

import io.userstore.domain.UserStoreException;

/** A build that cannot finish; the stable name keeps serving what it served. */
public class ProjectionBuildException extends UserStoreException {

    public ProjectionBuildException(String message) {
        super(message);
    }

    public ProjectionBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}

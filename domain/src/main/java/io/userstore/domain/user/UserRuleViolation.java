package io.userstore.domain.user;

import io.userstore.domain.UserStoreException;

/**
 * A command the {@link User} aggregate refuses. The aggregate only knows the user's id (the
 * username is sealed), so the message is completed with the name the caller used.
 */
public final class UserRuleViolation extends UserStoreException {

    private final long userId;
    private final String problem;

    UserRuleViolation(long userId, String problem) {
        super("user #" + userId + " " + problem);
        this.userId = userId;
        this.problem = problem;
    }

    public UserStoreException naming(String username) {
        return new UserStoreException("user " + username + " " + problem);
    }

    public long userId() {
        return userId;
    }
}

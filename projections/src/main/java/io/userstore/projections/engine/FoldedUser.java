package io.userstore.projections.engine;

import io.userstore.domain.user.UserView;

/** A user folded from all its events: what the rows are made of (the hash only for a password column). */
public record FoldedUser(UserView view, String passwordHash) {
}

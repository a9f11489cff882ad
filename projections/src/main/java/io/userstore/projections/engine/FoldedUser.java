package io.userstore.projections.engine;

import io.userstore.domain.user.UserFold;
import io.userstore.domain.user.UserView;

import java.util.Collections;
import java.util.TreeMap;

/** A user folded from all its events: what the rows are made of (the hash only for a password column). */
public record FoldedUser(UserView view, String passwordHash) {

    /** What a forgotten user's row holds: its id and timestamps, nothing personal, no way to log in. */
    static final String FORGOTTEN_PASSWORD = "!";

    /**
     * The user as its rows show it. A forgotten user keeps a row (rows of applications may point
     * at it) without any personal data: username {@code #ID}, empty e-mail and names, no
     * attributes, groups or permissions, inactive, an unusable password.
     */
    static FoldedUser of(UserFold fold) {
        UserView view = fold.view();
        if (!view.forgotten()) {
            return new FoldedUser(view, fold.passwordHash());
        }
        UserView tombstone = new UserView(view.id(), "#" + view.id(), "", "", "", false, false, false, view.lastLogin(),
                view.dateJoined(), Collections.emptySortedSet(), Collections.emptySortedSet(),
                Collections.unmodifiableSortedMap(new TreeMap<>()), "unusable", true, view.deleted());
        return new FoldedUser(tombstone, FORGOTTEN_PASSWORD);
    }
}

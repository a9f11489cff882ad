package io.userstore.projections.engine;

import io.userstore.domain.log.LoggedUser;
import io.userstore.domain.read.UserFolds;

/** Users read from the log, folded into what rows are made of. Pure CPU: safe on any thread. */
final class FoldedUsers {

    private final UserFolds folds = new UserFolds();

    FoldedUser fold(LoggedUser user) {
        return FoldedUser.of(folds.fold(user));
    }
}

package io.userstore.domain.read;

import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.event.EventDecoder;
import io.userstore.domain.log.LoggedUser;
import io.userstore.domain.user.UserFold;

/**
 * Folds users read straight from the log (see {@code EventLog}) into their state, their
 * personal data opened with their key. Pure CPU: safe on any thread.
 */
public final class UserFolds {

    private final EventDecoder decoder = new EventDecoder();
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    public UserFold fold(LoggedUser user) {
        UserFold fold = new UserFold(opener(cipher, user.key()));
        for (Object event : decoder.decodeAll(user.aggregateId(), user.events())) {
            fold.apply(event);
        }
        return fold;
    }

    /** Opens a user's sealed values with its key; a forgotten user's (no key) read as erased. */
    static UserFold.Opener opener(PersonalDataCipher cipher, byte[] key) {
        return (userId, sealed) -> cipher.open(key, userId, sealed);
    }
}

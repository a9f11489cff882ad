package io.userstore.domain.log;

import java.util.Set;

/** What one step of following the log found: the users its events touched and where it got to. */
public record LogStep(Set<Long> users, LogPosition reached, int events) {

    public boolean empty() {
        return events == 0;
    }
}

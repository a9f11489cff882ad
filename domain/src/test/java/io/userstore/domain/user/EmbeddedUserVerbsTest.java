package io.userstore.domain.user;

import io.userstore.testing.TestDatabases;

/** The user verbs on the embedded PostgreSQL server. */
class EmbeddedUserVerbsTest extends UserVerbsContract {

    @Override
    protected String freshDatabase() {
        return TestDatabases.freshEmbedded();
    }
}

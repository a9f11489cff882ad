package io.userstore.domain.user;

import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The user verbs on an external PostgreSQL server (CI: -Duserstore.test.external=...). */
@EnabledIfSystemProperty(named = "userstore.test.external", matches = ".+")
class ExternalUserVerbsTest extends UserVerbsContract {

    @Override
    protected String freshDatabase() {
        return TestDatabases.freshExternal();
    }
}

package io.userstore.projections.django;

import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "userstore.test.external", matches = ".+")
class ExternalDjangoImportTest extends DjangoImportContract {

    @Override
    protected String freshDatabase() {
        return TestDatabases.freshExternal();
    }
}

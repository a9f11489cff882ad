package io.userstore.projections.django;

import io.userstore.testing.TestDatabases;

class EmbeddedDjangoImportTest extends DjangoImportContract {

    @Override
    protected String freshDatabase() {
        return TestDatabases.freshEmbedded();
    }
}

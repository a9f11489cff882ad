package io.userstore.projections;

import io.userstore.domain.UserStore;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.testing.Sql;
import io.userstore.testing.TestDatabases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A fresh store with projections, and plain SQL to look at what applications would read. */
final class ProjectionFixture implements AutoCloseable {

    final String url = TestDatabases.freshEmbedded();
    final UserStore store = TestDatabases.open(url);
    final Projections projections = new Projections(store);

    long add(String username, Map<String, String> fields) {
        return store.users().add(new NewUser(username, null, PasswordInput.NONE, fields));
    }

    List<List<String>> rows(String sql) {
        return Sql.rows(url, sql);
    }

    long count(String table) {
        return Sql.count(url, "SELECT count(*) FROM " + table);
    }

    /** A spec file with this text, removed when the tests end; its path, as `--spec` takes it. */
    static String specFile(String text) {
        try {
            Path file = Files.createTempFile("spec", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}

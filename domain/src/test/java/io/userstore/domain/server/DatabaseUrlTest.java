package io.userstore.domain.server;

import io.userstore.domain.UserStoreException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseUrlTest {

    @Test
    void reads_the_libpq_form_with_credentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss@db.example.com:6543/users?sslmode=require");
        assertEquals("jdbc:postgresql://db.example.com:6543/users?sslmode=require", url.jdbcUrl());
        assertEquals("app", url.user());
        assertEquals("p@ss", url.password());
        assertEquals("db.example.com:6543/users", url.describe());
    }

    @Test
    void passes_a_jdbc_url_through() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1/test?user=postgres");
        assertEquals("jdbc:postgresql://127.0.0.1/test?user=postgres", url.jdbcUrl());
        assertEquals("127.0.0.1:5432/test", url.describe());
    }

    @Test
    void refuses_other_urls_without_echoing_the_password() {
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> DatabaseUrl.parse("mysql://root:hunter2@localhost/db"));
        assertEquals("database URL 'mysql://root:***@localhost/db' is not a PostgreSQL URL;"
                + " use jdbc:postgresql://HOST:PORT/DB or postgresql://USER:PASS@HOST:PORT/DB", e.getMessage());
    }
}

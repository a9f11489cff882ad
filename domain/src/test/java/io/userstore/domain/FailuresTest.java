package io.userstore.domain;

import io.userstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An unexpected database failure is described and logged without the SQL, its values or the server's detail. */
class FailuresTest {

    @Test
    void a_failed_batch_is_described_by_its_sqlstate_and_names_only() throws Exception {
        String url = TestDatabases.freshEmbedded();
        SQLException failure;
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE people (email text CONSTRAINT people_email UNIQUE)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO people (email) VALUES (?)")) {
                insert.setString(1, "alice.secret@example.com");
                insert.addBatch();
                insert.setString(1, "alice.secret@example.com");
                insert.addBatch();
                insert.executeBatch();
                throw new AssertionError("the second row breaks the constraint");
            } catch (SQLException e) {
                failure = e;
            }
        }
        RuntimeException wrapped = new IllegalStateException("update failed: " + failure.getMessage(), failure);

        String described = Failures.describe(wrapped);
        assertEquals("SQLSTATE 23505 constraint people_email table people: duplicate key value violates unique"
                + " constraint \"...\"", described);
        StringWriter logged = new StringWriter();
        Failures.redacted(wrapped).printStackTrace(new PrintWriter(logged));
        assertFalse(logged.toString().contains("alice.secret"), logged.toString());
        assertFalse(logged.toString().contains("INSERT"), logged.toString());
        assertTrue(logged.toString().contains("java.sql.BatchUpdateException: SQLSTATE 23505"), logged.toString());
        assertTrue(logged.toString().contains("at io.userstore.domain.FailuresTest"), "the stack trace is kept");
    }

    @Test
    void races_and_lost_servers_are_told_apart_from_refusals() {
        assertTrue(Failures.lostARace(new IllegalStateException(new SQLException("deadlock", "40P01"))));
        assertTrue(Failures.lostTheServer(new IllegalStateException(new SQLException("gone", "08006"))));
        assertTrue(Failures.lostTheServer(new SQLException("terminating connection", "57P01")));
        assertFalse(Failures.lostTheServer(new SQLException("taken", "23505")));
        assertFalse(Failures.lostARace(new SQLException("taken", "23505")));
    }
}

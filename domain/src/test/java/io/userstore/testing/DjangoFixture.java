package io.userstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared Django auth fixture (200 real-shaped users with known passwords; copied from
 * shared/fixtures): loads its SQL into a database and reads its password CSV.
 */
public final class DjangoFixture {

    /** One CSV row: the plaintext behind a user's hash and what check-password must say. */
    public record PasswordRow(String username, String plaintext, String algorithm, String expectedCheck) {
    }

    private DjangoFixture() {
    }

    public static void load(String url) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(resource("fixtures/django_auth_small.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the Django fixture: " + e.getMessage(), e);
        }
    }

    public static List<PasswordRow> passwords() {
        List<PasswordRow> rows = new ArrayList<>();
        List<List<String>> records = Csv.parse(resource("fixtures/django_auth_small_passwords.csv"));
        for (List<String> record : records.subList(1, records.size())) {
            rows.add(new PasswordRow(record.get(0), record.get(1), record.get(2), record.get(4)));
        }
        return rows;
    }

    static String resource(String name) {
        try (InputStream in = DjangoFixture.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 records (quoted fields with doubled quotes, no trimming). */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}

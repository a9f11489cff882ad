package io.userstore.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for assertions: what is really in the database, not what our code says is there. */
public final class Sql {

    private Sql() {
    }

    public static long count(String url, String sql, Object... parameters) {
        return Long.parseLong(rows(url, sql, parameters).get(0).get(0));
    }

    public static List<List<String>> rows(String url, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every event payload as text, to search for what must never be stored in the clear. */
    public static String allEventPayloads(String url) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows(url, "SELECT convert_from(payload, 'UTF8') || coalesce(convert_from(meta_data, 'UTF8'), '')"
                + " FROM userstore.domain_event_entry")) {
            text.append(row.get(0)).append('\n');
        }
        return text.toString();
    }
}

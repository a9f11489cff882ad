package io.userstore.domain.server;

import io.userstore.domain.UserStoreException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location in either accepted form, turned into what the JDBC driver takes. The
 * password never appears in {@link #describe()}, which is what prompts and messages show.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String host, String database) {

    public static DatabaseUrl parse(String url) {
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            URI uri = uri(trimmed.substring("jdbc:".length()), url);
            return new DatabaseUrl(trimmed, null, null, hostPort(uri), database(uri));
        }
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            URI uri = uri(trimmed, url);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String jdbc = "jdbc:postgresql://" + hostPort(uri) + "/" + database(uri) + query;
            return new DatabaseUrl(jdbc, user, password, hostPort(uri), database(uri));
        }
        throw new UserStoreException("database URL '" + redact(url) + "' is not a PostgreSQL URL;"
                + " use jdbc:postgresql://HOST:PORT/DB or postgresql://USER:PASS@HOST:PORT/DB");
    }

    /** host:port/database, for prompts and messages. */
    public String describe() {
        return host + "/" + database;
    }

    private static URI uri(String text, String original) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
                int colon = authority.lastIndexOf(':');
                if (colon >= 0 && !authority.substring(colon + 1).matches("\\d*")) {
                    throw new URISyntaxException(text, "its port '" + authority.substring(colon + 1) + "' is not a number");
                }
                throw new URISyntaxException(text, authority.isEmpty() ? "no host" : "'" + authority + "' is not a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserStoreException("database URL '" + redact(original) + "' cannot be read ("
                    + e.getReason() + "); use postgresql://USER:PASS@HOST:PORT/DB");
        }
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432);
    }

    private static String database(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.startsWith("/") ? path.substring(1) : path;
        return name.isEmpty() ? "postgres" : name;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, safe for a message. */
    public static String redact(String url) {
        return url.replaceAll("(//[^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}

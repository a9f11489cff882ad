package io.userstore.domain.user;

import io.userstore.domain.UserStoreException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a valid username, e-mail, attribute key, group, permission and timestamp look like. */
public final class UserRules {

    public static final int MAX_USERNAME = 150;
    public static final int MAX_NAME = 150;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_ATTRIBUTE_VALUE = 10_000;
    /** Django's username validator: word characters (any script) and {@code @.+-}. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{N}_.@+\\-]+");
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*");
    private static final Pattern PERMISSION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z0-9_]{1,100}");
    /** Fields a user has that only their own verbs change. */
    private static final Set<String> NOT_SETTABLE = Set.of("id", "username", "password", "groups", "permissions",
            "last_login", "date_joined");

    private UserRules() {
    }

    public static String username(String username) {
        if (username == null || username.isEmpty()) {
            throw new UserStoreException("a username cannot be empty; give 1 to " + MAX_USERNAME + " characters");
        }
        if (username.codePointCount(0, username.length()) > MAX_USERNAME) {
            throw new UserStoreException("username " + abbreviate(username) + " is "
                    + username.codePointCount(0, username.length()) + " characters long; the limit is " + MAX_USERNAME);
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new UserStoreException("username " + abbreviate(username) + " has a character usernames cannot hold;"
                    + " use letters, digits and @ . + - _");
        }
        return username;
    }

    public static String email(String email) {
        if (email.isEmpty()) {
            return email;
        }
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new UserStoreException("email " + abbreviate(email) + " is not a plausible e-mail address;"
                    + " give one like name@example.com (at most " + MAX_EMAIL + " characters), or an empty one");
        }
        return email;
    }

    public static String name(String field, String value) {
        if (value.length() > MAX_NAME) {
            throw new UserStoreException(field + " is " + value.length() + " characters long; the limit is " + MAX_NAME);
        }
        return value;
    }

    public static String attributeKey(String key) {
        if (NOT_SETTABLE.contains(key)) {
            throw new UserStoreException(key + " cannot be set this way; use `user "
                    + switch (key) {
                        case "username" -> "rename";
                        case "password" -> "passwd";
                        case "groups" -> "join` / `user leave";
                        case "permissions" -> "grant` / `user revoke";
                        case "last_login" -> "login --at";
                        default -> "add";
                    } + "`");
        }
        if (!ATTRIBUTE_KEY.matcher(key).matches()) {
            throw new UserStoreException("attribute key " + abbreviate(key) + " is invalid; keys are a lowercase"
                    + " letter followed by up to 62 lowercase letters, digits or _");
        }
        return key;
    }

    public static String attributeValue(String key, String value) {
        if (value.length() > MAX_ATTRIBUTE_VALUE) {
            throw new UserStoreException("the value of " + key + " is " + value.length() + " characters long; the limit is "
                    + MAX_ATTRIBUTE_VALUE);
        }
        return value;
    }

    public static List<String> groups(List<String> groups) {
        requireSome(groups, "group");
        for (String group : groups) {
            if (group.isBlank() || group.length() > 150) {
                throw new UserStoreException("group name " + abbreviate(group) + " is invalid; give 1 to 150 characters");
            }
        }
        return groups;
    }

    public static List<String> permissions(List<String> permissions) {
        requireSome(permissions, "permission");
        for (String permission : permissions) {
            if (!PERMISSION.matcher(permission).matches()) {
                throw new UserStoreException("permission " + abbreviate(permission)
                        + " is not of the form app_label.codename (e.g. shop.refund_order)");
            }
        }
        return permissions;
    }

    public static boolean flag(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new UserStoreException(key + "=" + abbreviate(value) + " is not a boolean; use true or false");
        };
    }

    /** ISO-8601: an instant with offset; a local date-time or a date is taken as UTC. */
    public static Instant timestamp(String option, String text) {
        return parseInstant(text).orElseThrow(() -> new UserStoreException(option + " " + abbreviate(text)
                + " is not a timestamp; use ISO-8601 like 2025-05-01T12:00:00Z or 2025-05-01"));
    }

    /** An ISO-8601 instant with offset, or a local date-time or date taken as UTC. */
    public static java.util.Optional<Instant> parseInstant(String text) {
        String trimmed = text.trim();
        try {
            return java.util.Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return java.util.Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return java.util.Optional.of(LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    return java.util.Optional.empty();
                }
            }
        }
    }

    private static void requireSome(List<String> values, String what) {
        if (values.isEmpty()) {
            throw new UserStoreException("name at least one " + what);
        }
    }

    static String abbreviate(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shown + "'";
    }
}

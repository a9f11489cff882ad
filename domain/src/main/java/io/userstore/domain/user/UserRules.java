package io.userstore.domain.user;

import io.userstore.domain.UserStoreException;

import io.userstore.domain.password.DjangoPasswordHasher;

import java.text.Normalizer;
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
    public static final int MAX_PASSWORD_HASH = 128;
    /** Ids fit the {@code integer} id column Django's tables (and most others) have. */
    public static final long MAX_ID = Integer.MAX_VALUE;
    /** Django's username validator: word characters (letters and numbers of any script) and {@code @.+-}. */
    private static final String USERNAME_CHARACTER = "[\\p{L}\\p{N}_.@+\\-]";
    private static final Pattern USERNAME = Pattern.compile(USERNAME_CHARACTER + "+");
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
        if (characters(username) > MAX_USERNAME) {
            throw new UserStoreException("username " + abbreviate(username) + " is "
                    + characters(username) + " characters long; the limit is " + MAX_USERNAME);
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new UserStoreException("username " + abbreviate(username) + " has a character usernames cannot hold;"
                    + " use letters, digits and @ . + - _");
        }
        if (!Normalizer.isNormalized(username, Normalizer.Form.NFKC)) {
            throw new UserStoreException("username " + abbreviate(username) + " is not in Unicode normal form NFKC,"
                    + " as Django keeps usernames (two spellings of one name would look alike); write it as "
                    + abbreviate(Normalizer.normalize(username, Normalizer.Form.NFKC)));
        }
        return username;
    }

    /**
     * The characters a username may hold, as a PostgreSQL bracket expression, so that SQL writes
     * check exactly what {@link #username} checks.
     */
    public static String usernameCharactersRegex() {
        Pattern one = Pattern.compile(USERNAME_CHARACTER);
        StringBuilder ranges = new StringBuilder("[");
        int start = -1;
        for (int c = 0; c <= Character.MAX_CODE_POINT + 1; c++) {
            boolean allowed = c <= Character.MAX_CODE_POINT && Character.getType(c) != Character.SURROGATE
                    && one.matcher(new String(Character.toChars(c))).matches();
            if (allowed && start < 0) {
                start = c;
            } else if (!allowed && start >= 0) {
                ranges.append(escape(start));
                if (c - 1 > start) {
                    ranges.append('-').append(escape(c - 1));
                }
                start = -1;
            }
        }
        return ranges.append(']').toString();
    }

    private static String escape(int codePoint) {
        return String.format(codePoint > 0xFFFF ? "\\U%08X" : "\\u%04X", codePoint);
    }

    /** Ids are 1 to {@value #MAX_ID}. */
    public static long id(String option, long id) {
        if (id < 1 || id > MAX_ID) {
            throw new UserStoreException(option + " " + id + " is not a valid id; ids are 1 to " + MAX_ID);
        }
        return id;
    }

    /** Text a user field may hold: PostgreSQL text cannot hold the NUL character. */
    public static String text(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new UserStoreException(field + " holds a NUL character (\\0), which no table can hold; remove it");
        }
        return value;
    }

    public static String email(String email) {
        text("email", email);
        if (email.isEmpty()) {
            return email;
        }
        if (characters(email) > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new UserStoreException("email " + abbreviate(email) + " is not a plausible e-mail address;"
                    + " give one like name@example.com (at most " + MAX_EMAIL + " characters), or an empty one");
        }
        return email;
    }

    public static String name(String field, String value) {
        text(field, value);
        if (characters(value) > MAX_NAME) {
            throw new UserStoreException(field + " is " + characters(value) + " characters long; the limit is " + MAX_NAME);
        }
        return value;
    }

    /** The user fields that are not attributes: a key of these names sets the field, or is refused. */
    public static final Set<String> FIELDS = Set.of("id", "username", "password", "groups", "permissions",
            "last_login", "date_joined", "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser");

    /** A Django-encoded hash kept verbatim (as {@code --password-hash} and SQL writes give it). */
    public static String passwordHash(String option, String encoded) {
        if (!DjangoPasswordHasher.looksEncoded(encoded) || encoded.length() > MAX_PASSWORD_HASH || encoded.indexOf('\0') >= 0) {
            throw new UserStoreException(option + " expects a Django-encoded hash such as"
                    + " pbkdf2_sha256$1000000$SALT$HASH (at most " + MAX_PASSWORD_HASH + " characters); to set a plaintext"
                    + " use --password");
        }
        return encoded;
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
        if (FIELDS.contains(key)) {
            throw new UserStoreException(key + " is a field of every user, not an attribute; `user set USERNAME "
                    + key + "=VALUE` changes it");
        }
        if (!ATTRIBUTE_KEY.matcher(key).matches()) {
            throw new UserStoreException("attribute key " + abbreviate(key) + " is invalid; keys are a lowercase"
                    + " letter followed by up to 62 lowercase letters, digits or _");
        }
        return key;
    }

    public static String attributeValue(String key, String value) {
        text("the value of " + key, value);
        if (characters(value) > MAX_ATTRIBUTE_VALUE) {
            throw new UserStoreException("the value of " + key + " is " + characters(value) + " characters long; the limit is "
                    + MAX_ATTRIBUTE_VALUE);
        }
        return value;
    }

    public static List<String> groups(List<String> groups) {
        requireSome(groups, "group");
        for (String group : groups) {
            if (group.isBlank() || characters(group) > 150 || group.indexOf('\0') >= 0) {
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

    /** ISO-8601: an instant with offset; a local date-time or a date is taken as UTC. Years 1 to 9999. */
    public static Instant timestamp(String option, String text) {
        Instant instant = parseInstant(text).orElseThrow(() -> new UserStoreException(option + " " + abbreviate(text)
                + " is not a timestamp; use ISO-8601 like 2025-05-01T12:00:00Z or 2025-05-01"));
        return instant(option, instant);
    }

    /** Instants a user field holds: years 1 to 9999, what PostgreSQL, Django and ISO-8601 all hold. */
    public static Instant instant(String what, Instant instant) {
        if (!holds(instant)) {
            throw new UserStoreException(what + " " + instant + " is out of range; give a time in the years 1 to 9999");
        }
        return instant;
    }

    /** Whether the instant is in the years 1 to 9999 (an event of an earlier release may hold one that is not). */
    public static boolean holds(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Characters as people and PostgreSQL count them (code points, not UTF-16 units). */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
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

package io.userstore.projections.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userstore.domain.time.UtcTimestamps;
import io.userstore.domain.user.UserRules;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts a user's value (text from an attribute, or a typed field) into the text PostgreSQL
 * reads for the column's type, or says why it cannot: {@code birthday=31-02-1990} never reaches
 * a {@code date} column as something else.
 */
public final class ValueConverter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private ValueConverter() {
    }

    /** @throws IllegalArgumentException saying why the value does not fit */
    public static String convert(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case TEXT -> text(value);
            case VARCHAR -> varchar(text(value), type.length());
            case INTEGER -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case BOOLEAN -> bool(value);
            case DATE -> date(value);
            case TIMESTAMPTZ -> timestamp(instant(value), true);
            case TIMESTAMP -> timestamp(instant(value), false);
            case NUMERIC -> numeric(value);
            case JSONB -> json(value);
            case UUID -> uuid(value);
        };
    }

    private static String text(Object value) {
        String text = value instanceof Instant instant ? timestamp(inRange(instant), true) : value.toString();
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("it holds a NUL character (\\0), which PostgreSQL text cannot hold");
        }
        return text;
    }

    /** Refused at input now; an event written before that was refused may still hold one. */
    private static Instant inRange(Instant instant) {
        if (!UserRules.holds(instant)) {
            throw new IllegalArgumentException("out of range (years 1 to 9999)");
        }
        return instant;
    }

    private static String timestamp(Instant instant, boolean withOffset) {
        String plain = UtcTimestamps.format(instant, withOffset);
        if (plain != null) {
            return plain;
        }
        return (withOffset ? TIMESTAMPTZ : TIMESTAMP).format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String varchar(String text, int length) {
        if (text.codePointCount(0, text.length()) > length) {
            throw new IllegalArgumentException("longer than " + length + " characters");
        }
        return text;
    }

    private static String integer(Object value, long min, long max) {
        try {
            long number = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
            if (number < min || number > max) {
                throw new IllegalArgumentException("out of range");
            }
            return Long.toString(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static String bool(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> "true";
            case "false", "f", "no", "n", "off", "0" -> "false";
            default -> throw new IllegalArgumentException("not a boolean (true/false)");
        };
    }

    private static String date(Object value) {
        if (value instanceof Instant instant) {
            return inRange(instant).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        String text = value.toString().trim();
        if (UtcTimestamps.parseDate(text) != null) {
            return text;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (YYYY-MM-DD)");
        }
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException("out of range (years 1 to 9999)");
        }
        return date.toString();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return inRange(instant);
        }
        return inRange(UserRules.parseInstant(value.toString())
                .orElseThrow(() -> new IllegalArgumentException("not an ISO-8601 timestamp")));
    }

    private static String numeric(Object value) {
        try {
            return new BigDecimal(value.toString().trim()).toPlainString();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }

    private static String json(Object value) {
        try {
            String json = JSON.readTree(value.toString()).toString();
            if (json.contains("\\u0000")) {
                throw new IllegalArgumentException("it holds a NUL character (\\u0000), which jsonb cannot hold");
            }
            return json;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }

    private static String uuid(Object value) {
        try {
            return UUID.fromString(value.toString().trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a UUID");
        }
    }
}

package io.userstore.projections.spec;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Values no PostgreSQL column can hold are refused at input; an event an earlier release stored
 * with one is refused here, by a message the build puts beside the user and the column.
 */
class ValueConverterTest {

    private static String refused(Object value, String type) {
        return assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert(value, ColumnType.parse(type)))
                .getMessage();
    }

    @Test
    void text_with_a_nul_character_fits_no_text_column() {
        assertEquals("it holds a NUL character (\\0), which PostgreSQL text cannot hold", refused("a\0b", "text"));
        assertEquals("it holds a NUL character (\\0), which PostgreSQL text cannot hold", refused("a\0b", "varchar(10)"));
        assertEquals("it holds a NUL character (\\u0000), which jsonb cannot hold", refused("{\"a\": \"x\\u0000\"}", "jsonb"));
        assertEquals("a b", ValueConverter.convert("a b", ColumnType.parse("text")));
    }

    @Test
    void times_and_dates_outside_the_years_1_to_9999_are_out_of_range() {
        assertEquals("out of range (years 1 to 9999)", refused(Instant.parse("+99999-01-01T00:00:00Z"), "timestamptz"));
        assertEquals("out of range (years 1 to 9999)", refused("+99999-01-01T00:00:00Z", "timestamp"));
        assertEquals("out of range (years 1 to 9999)", refused("+10000-01-01", "date"));
        assertEquals("out of range (years 1 to 9999)", refused(Instant.parse("+99999-01-01T00:00:00Z"), "text"));
        assertEquals("9999-12-31", ValueConverter.convert("9999-12-31", ColumnType.parse("date")));
    }
}

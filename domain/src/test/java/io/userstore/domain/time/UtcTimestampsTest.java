package io.userstore.domain.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UtcTimestampsTest {

    @Test
    void reads_plain_utc_instants_with_any_number_of_fraction_digits() {
        for (String text : new String[] {"2026-11-21T10:04:08Z", "2026-11-21T10:04:08.9Z", "2026-11-21T10:04:08.940Z",
                "2026-11-21T10:04:08.940981Z", "2026-11-21T10:04:08.940981123Z", "0001-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z"}) {
            assertEquals(Instant.parse(text), UtcTimestamps.parseInstant(text), text);
        }
    }

    @Test
    void leaves_everything_else_to_java_time() {
        for (String text : new String[] {"2026-11-21T10:04:08+01:00", "2026-11-21 10:04:08Z", "2026-02-30T10:04:08Z",
                "2026-11-21T24:00:00Z", "2026-11-21T10:60:00Z", "2026-11-21T10:04:08.Z", "2026-11-21T10:04:08.1234567890Z",
                "+12026-11-21T10:04:08Z", "2026-11-21", "x026-11-21T10:04:08Z", ""}) {
            assertNull(UtcTimestamps.parseInstant(text), text);
        }
    }

    @Test
    void reads_only_dates_that_exist() {
        assertEquals(LocalDate.of(1990, 2, 28), UtcTimestamps.parseDate("1990-02-28"));
        assertNull(UtcTimestamps.parseDate("1990-02-30"));
        assertNull(UtcTimestamps.parseDate("31-02-1990"));
        assertNull(UtcTimestamps.parseDate("1990-2-28"));
    }

    @Test
    void writes_what_the_general_formatter_writes() {
        DateTimeFormatter withOffset = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
        DateTimeFormatter without = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            assertEquals(withOffset.format(instant.atOffset(ZoneOffset.UTC)), UtcTimestamps.format(instant, true));
            assertEquals(without.format(instant.atOffset(ZoneOffset.UTC)), UtcTimestamps.format(instant, false));
        }
        assertNull(UtcTimestamps.format(Instant.parse("+10000-01-01T00:00:00Z"), true));
    }
}

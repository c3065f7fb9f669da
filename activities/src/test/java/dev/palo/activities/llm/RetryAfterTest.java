package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 7, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void readsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", now));
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse(inNinetySeconds, now));
    }

    @Test
    void pastDatesMeanNoWaitAndGarbageMeansNoHeader() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(5));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(past, now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}

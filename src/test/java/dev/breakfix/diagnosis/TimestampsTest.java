package dev.breakfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void readsWhatTheApiServerWritesLikeInstantParse() {
        for (String t : List.of("2020-12-05T06:07:08Z", "2026-11-28T23:59:59Z", "1970-01-01T00:00:00Z",
                "2024-02-29T12:00:00Z", "2020-12-05T06:07:08.123456Z", "2020-12-05T06:07:08.1Z",
                "2020-12-05T06:07:08.123456789Z", "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z")) {
            assertThat(Timestamps.parseUtc(t)).as(t).isNotNull().isEqualTo(Instant.parse(t));
            assertThat(Timestamps.parse(t)).as(t).isEqualTo(Instant.parse(t));
        }
    }

    @Test
    void leavesEveryOtherFormToInstantParse() {
        for (String t : List.of("2020-12-05T06:07:08+02:00", "2020-12-05t06:07:08Z", "2020-12-05T06:07:60Z",
                "2020-12-05T06:07:08.Z", "2020-12-05T06:07:08.1234567890Z", "2023-02-29T00:00:00Z", "2020-13-01T00:00:00Z",
                "2020-12-05T24:00:00Z", "+2020-12-05T06:07:08Z", "2020-12-05 06:07:08Z", "2020-1a-05T06:07:08Z")) {
            assertThat(Timestamps.parseUtc(t)).as(t).isNull();
        }
        assertThat(Timestamps.parse("2020-12-05T06:07:08+02:00")).isEqualTo(Instant.parse("2020-12-05T04:07:08Z"));
        assertThatThrownBy(() -> Timestamps.parse("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThat(Timestamps.parse(" ")).isNull();
        assertThat(Timestamps.parse((String) null)).isNull();
    }
}

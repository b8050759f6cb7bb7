package dev.breakfix.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket on a fake time: the waits it asks for keep every second within the rate. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(0);
    private final List<Long> sent = new ArrayList<>();

    private RateLimiter limiter(double rate) {
        return new RateLimiter(rate, now::get, nanos -> now.addAndGet(nanos));
    }

    @Test
    void aFullBucketLetsOneSecondsWorthGoAtOnceThenPacesTheRest() throws InterruptedException {
        RateLimiter limiter = limiter(10);
        for (int i = 0; i < 50; i++) {
            limiter.acquire();
            sent.add(now.get());
        }
        // ten at once, then one every 100 ms: the 50th leaves after 4 seconds
        assertThat(sent.subList(0, 10)).containsOnly(0L);
        assertThat(sent.get(10)).isEqualTo(SECOND / 10);
        assertThat(sent.get(49)).isEqualTo(4 * SECOND);
        assertWithinRate(10);
    }

    @Test
    void aFullClassResetStaysWithinTheRateInEverySecond() throws InterruptedException {
        RateLimiter limiter = limiter(20);
        // 250 labs, ~9 requests each, with idle gaps in between
        for (int lab = 0; lab < 250; lab++) {
            for (int r = 0; r < 9; r++) {
                limiter.acquire();
                sent.add(now.get());
            }
            now.addAndGet(lab % 10 == 0 ? 2 * SECOND : 0);
        }
        assertThat(sent).hasSize(2250);
        assertWithinRate(20);
    }

    @Test
    void concurrentCallersReserveInTurnSoTheirWaitsGrow() {
        RateLimiter limiter = limiter(5);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(limiter.reserve());
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 0L, SECOND / 5, 2 * SECOND / 5, 3 * SECOND / 5);
    }

    @Test
    void anIdleBucketRefillsButNeverBeyondOneSecondsWorth() throws InterruptedException {
        RateLimiter limiter = limiter(4);
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        now.addAndGet(60 * SECOND);
        long start = now.get();
        for (int i = 0; i < 8; i++) {
            limiter.acquire();
            sent.add(now.get() - start);
        }
        assertThat(sent.subList(0, 4)).containsOnly(0L);
        assertThat(sent.get(7)).isEqualTo(SECOND);
    }

    @Test
    void refusesARateThatIsNoRate() {
        assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A bucket of one second's worth refilled at the rate: no second ever carries more than twice the rate. */
    private void assertWithinRate(int rate) {
        int end = 0;
        for (int i = 0; i < sent.size(); i++) {
            long from = sent.get(i);
            while (end < sent.size() && sent.get(end) < from + SECOND) {
                end++;
            }
            assertThat(end - i).as("requests in the second from %d ns", from).isLessThanOrEqualTo(2 * rate);
        }
        // and over the whole run, the average is the rate at most (after the first second's burst)
        long span = sent.get(sent.size() - 1) - sent.get(0);
        assertThat((long) sent.size() - rate).isLessThanOrEqualTo((long) Math.ceil(rate * (double) span / SECOND) + 1);
    }
}

package dev.breakfix.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. Thread-safe: the {@link FakeCluster} reads it on
 * its own thread while the test advances it. Clocks made by {@link #withZone(ZoneId)} share the
 * same instant.
 */
public final class MutableClock extends Clock {

    /** The moment the captures in {@code shared/fixtures/k8s-1.20} start. */
    public static final Instant CAPTURE_START = Instant.parse("2026-11-28T03:29:22Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@link #CAPTURE_START}. */
    public MutableClock() {
        this(CAPTURE_START);
    }

    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
    }

    /** Moves the clock forward (or back, for a negative amount) and returns the new instant. */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(i -> i.plus(amount));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "," + zone + "]";
    }
}

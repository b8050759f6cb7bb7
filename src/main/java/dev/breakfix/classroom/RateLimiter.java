package dev.breakfix.classroom;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code permitsPerSecond} permits a second on average, at most one second's worth at once.
 * Callers that find the bucket empty reserve the next permit and wait for it, so concurrent callers queue
 * up in arrival order and the rate holds for all of them together.
 */
final class RateLimiter {

    /** Waits for the given number of nanoseconds; tests pass one that only moves a fake time. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double permitsPerSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double available;
    private long last;

    RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    RateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("the rate must be a positive number, not " + permitsPerSecond);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.capacity = Math.max(1, permitsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.available = capacity;
        this.last = nanoTime.getAsLong();
    }

    double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes one permit, waiting until it is due. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /** Takes one permit now (possibly going into debt) and returns how many nanoseconds to wait for it. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        available = Math.min(capacity, available + (now - last) / 1e9 * permitsPerSecond);
        last = now;
        available -= 1;
        return available >= 0 ? 0 : (long) Math.ceil(-available / permitsPerSecond * 1e9);
    }
}

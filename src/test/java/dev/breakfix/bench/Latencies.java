package dev.breakfix.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe recorder of durations (nanoseconds) with percentiles; counts what never arrived too. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** A change that was not seen (or a call that did not finish) before the end of the window. */
    void miss() {
        missed.incrementAndGet();
    }

    void fail() {
        failed.incrementAndGet();
    }

    synchronized int count() {
        return size;
    }

    long missed() {
        return missed.get();
    }

    long failed() {
        return failed.get();
    }

    /** The p-th percentile (0 &lt; p &lt;= 100) in nanoseconds, nearest rank; -1 when empty. */
    synchronized long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    synchronized long max() {
        long max = -1;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }
}

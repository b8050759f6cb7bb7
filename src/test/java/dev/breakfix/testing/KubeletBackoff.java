package dev.breakfix.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's crash-loop back-off (client-go {@code flowcontrol.Backoff} with 10 s initial and 5 min
 * maximum delay): the first exit restarts at once, later exits wait 10 s, 20 s, 40 s ... and an entry
 * is forgotten when the container has been quiet for twice the maximum.
 */
final class KubeletBackoff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    private record Entry(Duration backoff, Instant lastUpdate) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    KubeletBackoff(Clock clock) {
        this.clock = clock;
    }

    /** Whether a container that exited at {@code finishedAt} must wait before its next start. */
    boolean inBackOffSince(String key, Instant finishedAt) {
        Entry entry = entries.get(key);
        if (entry == null || expired(entry, finishedAt)) {
            return false;
        }
        return Duration.between(finishedAt, clock.instant()).compareTo(entry.backoff) < 0;
    }

    /** The current delay, as the CrashLoopBackOff message prints it. */
    Duration current(String key) {
        Entry entry = entries.get(key);
        return entry == null ? INITIAL : entry.backoff;
    }

    /** Records a restart: the next exit waits twice as long (up to the maximum). */
    void next(String key, Instant finishedAt) {
        Entry entry = entries.get(key);
        Duration backoff = entry == null || expired(entry, finishedAt) ? INITIAL
                : entry.backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : entry.backoff.multipliedBy(2);
        entries.put(key, new Entry(backoff, clock.instant()));
    }

    void forget(String keyPrefix) {
        entries.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }

    private static boolean expired(Entry entry, Instant eventTime) {
        return Duration.between(entry.lastUpdate, eventTime).compareTo(MAX.multipliedBy(2)) > 0;
    }
}

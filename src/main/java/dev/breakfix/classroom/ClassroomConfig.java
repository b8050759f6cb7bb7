package dev.breakfix.classroom;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Running a class: how bulk operations pace themselves against the Kubernetes API, how many are remembered,
 * and when idle labs are removed.
 */
@ConfigMapping(prefix = "breakfix.classroom")
public interface ClassroomConfig {

    /** How many labs a bulk operation (and class end) works on at once, over all operations of this server. */
    @WithDefault("4")
    int concurrency();

    /**
     * The most Kubernetes API requests per second that bulk operations, class end and idle clean-up may send
     * together (a token bucket holding one second's worth). The fabric8 client Breakfix uses has no rate limit
     * of its own (only a cap on concurrent requests), so this is the limit that keeps a full-class reset gentle
     * on the API server. Requests of learners, graders and the cache are not counted.
     */
    @WithDefault("20")
    double requestsPerSecond();

    /** How many operations are kept in memory, newest first. */
    @WithDefault("50")
    int history();

    /**
     * Labs idle longer than this are deleted automatically. Idle means nothing was recorded for the lab on the
     * cluster for that long: start, grade, pass, learner activity, a Pod, ReplicaSet or Deployment created in it,
     * or the learner's terminal in use. Absent (the default): labs are never removed for being idle.
     */
    Optional<Duration> idleTimeout();

    /** How often idle labs are looked for (only when {@link #idleTimeout()} is set). */
    @WithDefault("1m")
    Duration idleCheckInterval();
}

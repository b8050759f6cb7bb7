package dev.breakfix.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The benchmark's knobs, from system properties ({@code -Dbench.learners=10,100,500}, ...). */
record Settings(
        List<Integer> sizes,
        int startConcurrency,
        int gradeThreads,
        Duration gradeEvery,
        Duration recordEvery,
        Duration pollEvery,
        Duration statusEvery,
        double statusRate,
        Duration idleWindow,
        Duration activeWindow,
        boolean warmUp,
        String output) {

    static Settings fromSystemProperties() {
        return new Settings(
                Arrays.stream(System.getProperty("bench.learners", "10,100,500").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList(),
                Integer.getInteger("bench.startConcurrency", 16),
                Integer.getInteger("bench.gradeThreads", 16),
                seconds("bench.gradeEvery", 2),
                seconds("bench.recordEvery", 60),
                seconds("bench.pollEvery", 5),
                seconds("bench.statusEvery", 5),
                Double.parseDouble(System.getProperty("bench.statusRate", "20")),
                seconds("bench.idleWindow", 60),
                seconds("bench.activeWindow", 60),
                Boolean.parseBoolean(System.getProperty("bench.warmUp", "true")),
                System.getProperty("bench.output", "target/bench/class-benchmark.md"));
    }

    private static Duration seconds(String property, long fallback) {
        return Duration.ofMillis((long) (Double.parseDouble(System.getProperty(property, Long.toString(fallback))) * 1000));
    }

    /**
     * The pause between two status changes of one learner's Pod: {@link #statusEvery} on average, longer in a
     * big class so that the whole cluster writes at most {@link #statusRate} changes per second.
     */
    Duration statusEvery(int learners) {
        long ms = Math.max(statusEvery.toMillis(), (long) (learners * 1000 / statusRate));
        return Duration.ofMillis(ms);
    }

    int maxLearners() {
        return sizes.stream().mapToInt(Integer::intValue).max().orElse(10);
    }
}

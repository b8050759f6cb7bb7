package dev.breakfix.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One action per member (a learner, a page), repeated with a pause between the end of one and the start of
 * the next, the way a person or a page does it (think time: uniform between 0 and twice {@code every}),
 * on a bounded pool of threads. An action's latency runs from when it was due, so time spent waiting for a
 * free thread counts.
 */
final class Loop<T> implements AutoCloseable {

    /** What one action does; it records its own latency when it has a specific end (e.g. a page update). */
    interface Action<T> {
        void run(T member) throws Exception;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final ScheduledThreadPoolExecutor pool;
    private final List<T> members;
    private final Duration every;
    private final Action<T> action;
    private final Latencies latencies;
    private volatile Latencies cpu;
    private volatile Latencies service;
    private final Consumer<Throwable> onError;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private final boolean fixedDelay;

    /**
     * @param latencies  where each action's latency (due to done) goes; null when the action records its own
     * @param fixedDelay true: exactly {@code every} between actions (a page refreshing); false: think time
     */
    Loop(String name, int threads, List<T> members, Duration every, boolean fixedDelay, Action<T> action,
            Latencies latencies, Consumer<Throwable> onError) {
        this.pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "bench-" + name);
            t.setDaemon(true);
            return t;
        });
        this.pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.members = members;
        this.every = every;
        this.fixedDelay = fixedDelay;
        this.action = action;
        this.latencies = latencies;
        this.onError = onError;
    }

    /**
     * Also records, per action, the CPU time of the thread that ran it ({@code cpu}) and the time from
     * when it began to run to its end ({@code service}): what the action cost, apart from waiting for a
     * thread or for a CPU before it began.
     */
    Loop<T> measuring(Latencies cpu, Latencies service) {
        this.cpu = cpu;
        this.service = service;
        return this;
    }

    /** Starts every member at a random moment within the first period. */
    Loop<T> start() {
        running = true;
        for (T m : members) {
            schedule(m, ThreadLocalRandom.current().nextLong(Math.max(1, every.toNanos())));
        }
        return this;
    }

    private void schedule(T member, long delayNanos) {
        long due = System.nanoTime() + delayNanos;
        try {
            pool.schedule(() -> run(member, due), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // stopping
        }
    }

    private void run(T member, long due) {
        if (!running) {
            return;
        }
        inFlight.incrementAndGet();
        Latencies cpu = this.cpu;
        Latencies service = this.service;
        long cpu0 = cpu == null ? 0 : THREADS.getCurrentThreadCpuTime();
        long began = System.nanoTime();
        try {
            action.run(member);
            long end = System.nanoTime();
            if (latencies != null && running) {
                latencies.add(end - due);
                if (cpu != null) {
                    cpu.add(THREADS.getCurrentThreadCpuTime() - cpu0);
                }
                if (service != null) {
                    service.add(end - began);
                }
            }
        } catch (Exception | Error e) {
            if (running) {
                if (latencies != null) {
                    latencies.fail();
                }
                onError.accept(e);
            }
        } finally {
            inFlight.decrementAndGet();
        }
        if (running) {
            long pause = fixedDelay ? every.toNanos()
                    : ThreadLocalRandom.current().nextLong(Math.max(1, 2 * every.toNanos()));
            schedule(member, pause);
        }
    }

    /** Stops scheduling; waits (bounded) for the actions in flight. */
    @Override
    public void close() {
        running = false;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(90, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.breakfix.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One thread that runs the fixture's reactions in the order they were queued, and tells when none is
 * left. A keyed task is queued once until it starts, so a burst of watch events about one object
 * makes one reaction (which reads the object afresh). Reactions queued by a running reaction keep
 * the queue busy, so "idle" means every consequence has been written.
 */
final class WorkQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fake-cluster");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private int pending; // guarded by this

    /** Queues a task; a non-null key already waiting in the queue makes this a no-op. */
    void submit(String key, Runnable task) {
        if (key != null && !queued.add(key)) {
            return;
        }
        synchronized (this) {
            pending++;
        }
        try {
            executor.execute(() -> run(key, task));
        } catch (RejectedExecutionException closed) {
            if (key != null) {
                queued.remove(key);
            }
            done();
        }
    }

    private void run(String key, Runnable task) {
        if (key != null) {
            queued.remove(key);
        }
        try {
            task.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) {
                // the object went away or changed under us; its own watch event queues a fresh reaction
                LOG.debugf("fake cluster: %s: %s", key, e.getMessage());
            } else {
                fail(key, e);
            }
        } catch (RuntimeException | Error e) {
            fail(key, e);
        } finally {
            done();
        }
    }

    private void fail(String key, Throwable e) {
        LOG.errorf(e, "fake cluster: reaction %s failed", key);
        failures.add(e);
    }

    private synchronized void done() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    /** Waits until no task is queued or running; false when {@code max} ran out first. */
    synchronized boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

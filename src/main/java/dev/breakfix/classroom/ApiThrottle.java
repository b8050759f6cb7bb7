package dev.breakfix.classroom;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * Paces the Kubernetes API requests of the classroom's own threads ({@link #threads(String)}) to
 * {@code breakfix.classroom.requests-per-second}. It is an interceptor of the application's one Kubernetes client
 * ({@link ThrottledClientProducer}): every request a bulk operation makes, however deep in the lab service,
 * waits for a permit before it is sent. Requests of any other thread (learners, graders, the cache's watches)
 * pass untouched.
 */
@ApplicationScoped
public class ApiThrottle implements Interceptor {

    static final String NAME = "breakfix-classroom-throttle";

    private final RateLimiter limiter;
    private final AtomicLong paced = new AtomicLong();

    public ApiThrottle(ClassroomConfig config) {
        this.limiter = new RateLimiter(config.requestsPerSecond());
    }

    /** A thread of the classroom's pool: its API requests are paced. */
    static final class PacedThread extends Thread {
        PacedThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    /** Makes threads whose API requests are paced. */
    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> new PacedThread(task, prefix + "-" + n.incrementAndGet());
    }

    static boolean paced() {
        return Thread.currentThread() instanceof PacedThread;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!paced()) {
            return;
        }
        try {
            limiter.acquire();
            paced.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many requests were paced since start. */
    public long pacedRequests() {
        return paced.get();
    }

    public double requestsPerSecond() {
        return limiter.permitsPerSecond();
    }
}

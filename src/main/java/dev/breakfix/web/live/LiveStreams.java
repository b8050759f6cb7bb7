package dev.breakfix.web.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.cluster.ClusterState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Streams of HTML fragments that follow one lab namespace. A stream renders when the cache says the
 * namespace changed, at most once per {@link #COALESCE} (a burst of informer events becomes one render),
 * and every {@link #TICK} so ages move on; it only emits the parts whose HTML changed. It stops listening
 * when the client goes away.
 */
@ApplicationScoped
public class LiveStreams {

    static final Duration COALESCE = Duration.ofMillis(150);
    static final Duration TICK = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(LiveStreams.class);

    /** A named fragment: SSE event name and its HTML. */
    public record Part(String name, String html) {
    }

    private final ClusterState cluster;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "breakfix-live");
        t.setDaemon(true);
        return t;
    });

    public LiveStreams(ClusterState cluster) {
        this.cluster = cluster;
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdownNow();
    }

    /** Renders {@code render} (event name to HTML) now and whenever {@code namespace} changes. */
    public Multi<Part> follow(String namespace, Supplier<Map<String, String>> render) {
        return Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(namespace, render, emitter);
            cluster.onNamespaceChange(follower.listener);
            ScheduledFuture<?> tick = scheduler.scheduleWithFixedDelay(follower::request, TICK.toMillis(), TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                cluster.removeNamespaceListener(follower.listener);
                tick.cancel(false);
            });
            scheduler.execute(follower::render);
        });
    }

    private final class Follower {
        private final String namespace;
        private final Supplier<Map<String, String>> render;
        private final MultiEmitter<? super Part> emitter;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final Map<String, String> sent = new HashMap<>();
        final Consumer<String> listener;

        Follower(String namespace, Supplier<Map<String, String>> render, MultiEmitter<? super Part> emitter) {
            this.namespace = namespace;
            this.render = render;
            this.emitter = emitter;
            this.listener = ns -> {
                if (ns.equals(namespace)) {
                    request();
                }
            };
        }

        void request() {
            if (!emitter.isCancelled() && scheduled.compareAndSet(false, true)) {
                scheduler.schedule(this::render, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        synchronized void render() {
            scheduled.set(false);
            if (emitter.isCancelled()) {
                return;
            }
            try {
                render.get().forEach((name, html) -> {
                    if (!html.equals(sent.get(name))) {
                        sent.put(name, html);
                        emitter.emit(new Part(name, html));
                    }
                });
            } catch (RuntimeException e) {
                LOG.debugf(e, "live render of %s failed", namespace);
            }
        }
    }
}

package dev.breakfix.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every learner's lab page, open in a browser: one server-sent event stream per learner on
 * {@code /labs/{scenario}/live}, signed in with the learner's session cookie. A stream's {@code data:}
 * lines are searched for the probe's marker (the RESTARTS cell of the live panel).
 */
final class LivePages implements AutoCloseable {

    private final HttpClient http;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-sse");
        t.setDaemon(true);
        return t;
    });
    private final List<Stream> streams = new ArrayList<>();
    private final CountDownLatch firstPanels;
    private final AtomicLong events = new AtomicLong();
    private final Latencies latencies;

    LivePages(URI base, List<Page> pages, Latencies latencies) {
        this.latencies = latencies;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.firstPanels = new CountDownLatch(pages.size());
        for (Page page : pages) {
            Stream s = new Stream(page.probe());
            streams.add(s);
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/labs/" + page.probe().lab.scenario() + "/live"))
                    .header("Accept", "text/event-stream")
                    .header("Cookie", page.cookie())
                    .GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(s))
                    .whenComplete((r, t) -> {
                        if (t != null || r.statusCode() != 200) {
                            s.failed = t != null ? t.toString() : "HTTP " + r.statusCode();
                        }
                    });
        }
    }

    /** A learner's page: the lab it shows and the learner's session cookie ({@code name=value}). */
    record Page(Probe probe, String cookie) {
    }

    /** Waits until every page has its first live panel; returns how many have. */
    long awaitConnected(Duration max) throws InterruptedException {
        firstPanels.await(max.toMillis(), TimeUnit.MILLISECONDS);
        return streams.stream().filter(s -> s.connected).count();
    }

    long events() {
        return events.get();
    }

    List<String> failures() {
        return streams.stream().filter(s -> s.failed != null).map(s -> s.probe.lab.namespace() + ": " + s.failed).toList();
    }

    @Override
    public void close() {
        streams.forEach(Stream::cancel);
        executor.shutdownNow();
    }

    private final class Stream implements Flow.Subscriber<String> {
        final Probe probe;
        volatile Flow.Subscription subscription;
        volatile boolean connected;
        volatile String failed;

        Stream(Probe probe) {
            this.probe = probe;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event:")) {
                events.incrementAndGet();
                if (!connected && line.contains("panel")) {
                    connected = true;
                    firstPanels.countDown();
                }
                return;
            }
            if (!line.startsWith("data:")) {
                return;
            }
            String marker = probe.htmlMarker();
            if (marker != null && probe.pending(Probe.Path.SSE) && line.contains(marker)) {
                long delay = probe.seen(Probe.Path.SSE, System.nanoTime());
                if (delay >= 0) {
                    latencies.add(delay);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (failed == null && subscription != null && !(throwable instanceof java.util.concurrent.CancellationException)) {
                failed = throwable.toString();
            }
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}

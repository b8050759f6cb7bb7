package dev.breakfix.instructor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.cluster.ClusterState;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The class matrix, live, for every open instructor page at once. One state is kept and shared: when the
 * cache says a lab namespace changed, that lab's cell is recomputed (changes within {@link #COALESCE} are
 * rendered together) and only the cells that changed are sent, as one {@code cells} event. When learners
 * come or go, everyone gets a compact full {@code matrix} event instead. A stabilising cell is looked at
 * again when its window ends; a slow {@link #RESYNC} catches what no event announces (home namespaces).
 * Nothing is computed while no page listens, and nothing here reads the API server.
 */
@ApplicationScoped
public class MatrixFeed {

    static final Duration COALESCE = Duration.ofMillis(200);
    static final Duration RESYNC = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(MatrixFeed.class);

    /** An SSE event: its name and its JSON. */
    public record Message(String event, String json) {
    }

    /** A changed cell. */
    public record CellChange(String learner, String name, String scenario, MatrixCell cell) {
    }

    private final ClassMatrix matrix;
    private final ClusterState cluster;
    private final ObjectMapper json;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "breakfix-matrix");
        t.setDaemon(true);
        return t;
    });
    private final List<MultiEmitter<? super Message>> subscribers = new CopyOnWriteArrayList<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, ScheduledFuture<?>> windowTimers = new HashMap<>();

    // owned by the worker thread
    private Map<String, String> learners = Map.of();
    private final Map<String, MatrixCell> cells = new HashMap<>();
    private boolean current;
    private ScheduledFuture<?> resync;

    public MatrixFeed(ClassMatrix matrix, ClusterState cluster, ObjectMapper json) {
        this.matrix = matrix;
        this.cluster = cluster;
        // events leave out null fields: a class of 200 learners is mostly empty cells
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    void onStart(@Observes StartupEvent event) {
        cluster.onNamespaceChange(this::changed);
    }

    @PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }

    /** The matrix now and every change after it, as SSE messages, until the client goes away. */
    public Multi<Message> follow() {
        return Multi.createFrom().emitter(emitter -> {
            emitter.onTermination(() -> worker.execute(() -> {
                subscribers.remove(emitter);
                if (subscribers.isEmpty()) {
                    idle();
                }
            }));
            worker.execute(() -> {
                if (!current) {
                    recomputeAll(false);
                    current = true;
                    resync = worker.scheduleWithFixedDelay(() -> recomputeAll(true), RESYNC.toMillis(), RESYNC.toMillis(),
                            TimeUnit.MILLISECONDS);
                } else {
                    flush();
                }
                subscribers.add(emitter);
                send(emitter, fullMessage());
            });
        });
    }

    /** How many pages follow the matrix now. */
    public int followers() {
        return subscribers.size();
    }

    private void changed(String namespace) {
        dirty.add(namespace);
        if (scheduled.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> {
                    scheduled.set(false);
                    flush();
                }, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void idle() {
        current = false;
        cells.clear();
        learners = Map.of();
        windowTimers.values().forEach(f -> f.cancel(false));
        windowTimers.clear();
        if (resync != null) {
            resync.cancel(false);
            resync = null;
        }
    }

    /** Recomputes the labs that changed and sends what differs. */
    private void flush() {
        if (!current) {
            dirty.clear();
            return;
        }
        List<String> namespaces = new ArrayList<>(dirty);
        dirty.removeAll(namespaces);
        try {
            Map<String, String> nowLearners = matrix.learners();
            if (!nowLearners.equals(learners)) {
                recomputeAll(false);
                broadcast(fullMessage());
                return;
            }
            List<CellChange> changes = new ArrayList<>();
            for (String ns : namespaces) {
                MatrixCell cell = matrix.lab(ns).map(matrix::cell).orElse(MatrixCell.EMPTY);
                update(ns, cell, changes);
            }
            broadcastChanges(changes);
        } catch (RuntimeException e) {
            LOG.debugf(e, "matrix update failed");
        }
    }

    /** Every lab again: at the first follower, and now and then to catch what no event announced. */
    private void recomputeAll(boolean sendChanges) {
        try {
            Map<String, String> nowLearners = matrix.learners();
            boolean learnersChanged = !nowLearners.equals(learners);
            learners = nowLearners;
            Matrix m = matrix.snapshot();
            Map<String, MatrixCell> seen = new HashMap<>();
            List<CellChange> changes = new ArrayList<>();
            for (MatrixRow row : m.learners()) {
                row.cells().forEach((scenario, cell) -> {
                    String ns = dev.breakfix.lab.LabKey.namespaceOf(row.name(), scenario);
                    seen.put(ns, cell);
                    update(ns, cell, changes);
                });
            }
            cells.keySet().retainAll(seen.keySet());
            if (sendChanges) {
                if (learnersChanged) {
                    broadcast(fullMessage());
                } else {
                    broadcastChanges(changes);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "matrix refresh failed");
        }
    }

    private void update(String namespace, MatrixCell cell, List<CellChange> changes) {
        MatrixCell before = cells.put(namespace, cell);
        ScheduledFuture<?> timer = windowTimers.remove(namespace);
        if (timer != null) {
            timer.cancel(false);
        }
        if (cell.stableAt() != null) {
            long ms = Math.max(0, Duration.between(Instant.now(), cell.stableAt()).toMillis()) + 100;
            windowTimers.put(namespace, worker.schedule(() -> changed(namespace), ms, TimeUnit.MILLISECONDS));
        }
        if (!cell.equals(before == null ? MatrixCell.EMPTY : before)) {
            matrix.lab(namespace).ifPresentOrElse(
                    ref -> changes.add(new CellChange(ref.learner().id(), ref.learner().name(), ref.scenario().id(), cell)),
                    () -> {
                        // a lab that is gone: its learner and scenario are in the namespace name
                        for (var column : matrix.columns()) {
                            String suffix = "-" + column.id();
                            if (namespace.endsWith(suffix)) {
                                String name = namespace.substring(dev.breakfix.lab.BreakfixLabels.NAMESPACE_PREFIX.length(),
                                        namespace.length() - suffix.length());
                                changes.add(new CellChange(learners.getOrDefault(name, name), name, column.id(), cell));
                                return;
                            }
                        }
                    });
        }
    }

    private Message fullMessage() {
        List<MatrixRow> rows = new ArrayList<>();
        learners.forEach((name, id) -> {
            Map<String, MatrixCell> row = new LinkedHashMap<>();
            for (var column : matrix.columns()) {
                row.put(column.id(), cells.getOrDefault(dev.breakfix.lab.LabKey.namespaceOf(name, column.id()), MatrixCell.EMPTY));
            }
            rows.add(new MatrixRow(id, name, row));
        });
        return message("matrix", new Matrix(matrix.columns(), rows));
    }

    private void broadcastChanges(List<CellChange> changes) {
        if (!changes.isEmpty()) {
            broadcast(message("cells", Map.of("cells", changes)));
        }
    }

    private Message message(String event, Object body) {
        try {
            return new Message(event, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void broadcast(Message m) {
        for (MultiEmitter<? super Message> e : subscribers) {
            send(e, m);
        }
    }

    private static void send(MultiEmitter<? super Message> emitter, Message m) {
        if (!emitter.isCancelled()) {
            emitter.emit(m);
        }
    }
}

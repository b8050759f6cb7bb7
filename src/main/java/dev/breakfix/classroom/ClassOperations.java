package dev.breakfix.classroom;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.api.BadRequestException;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.Grader;
import dev.breakfix.injector.LabBusyException;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Bulk start, reset, solve and delete over a selection of labs (a cell, a learner's row, a scenario's column,
 * the whole class), through the same {@link LabService} the single-lab API uses.
 *
 * <p>
 * All operations share one pool of {@code breakfix.classroom.concurrency} threads, so no more labs than that are
 * worked on at once however many operations run; their API requests are paced by {@link ApiThrottle}. Each lab
 * succeeds, fails (with the reason) or is skipped on its own; one lab's failure never stops the others.
 * Operations are kept in memory (the newest {@code breakfix.classroom.history}); the labs' own state is on the
 * cluster, so a restart loses only this record of what was done. See {@link Action} for what repeating an
 * action does.
 */
@ApplicationScoped
public class ClassOperations {

    private static final Logger LOG = Logger.getLogger(ClassOperations.class);
    /** The most learners one request may name. */
    static final int MAX_LEARNERS = 2000;
    private static final int MAX_MESSAGE = 400;

    private final LabService labs;
    private final Grader grader;
    private final Catalog catalog;
    private final ClusterState cluster;
    private final ClassroomConfig config;
    private final Clock clock;
    private final ExecutorService pool;
    private final ConcurrentLinkedDeque<BulkOperation> history = new ConcurrentLinkedDeque<>();

    public ClassOperations(LabService labs, Grader grader, Catalog catalog, ClusterState cluster, ClassroomConfig config,
            Clock clock) {
        this.labs = labs;
        this.grader = grader;
        this.catalog = catalog;
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
        int threads = Math.max(1, config.concurrency());
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                ApiThrottle.threads("breakfix-classroom"));
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    /** The pool every classroom task runs on (paced, bounded). */
    ExecutorService pool() {
        return pool;
    }

    /**
     * Validates the request, then starts the operation and returns at once. Bad input (unknown action or
     * scenario, an invalid learner id) throws before anything is started.
     */
    public BulkOperation submit(OperationRequest request) {
        if (request == null) {
            throw new BadRequestException("a body is required: {\"action\": \"start|reset|solve|delete\", "
                    + "\"learners\": [...], \"scenarios\": [...]}");
        }
        Action action = Action.parse(request.action());
        List<String> scenarios = scenarios(request.scenarios());
        List<LearnerId> learners = learners(request.learners());
        cluster.requireReady();
        List<BulkOperation.Item> items = new ArrayList<>();
        for (LearnerId learner : learners) {
            for (String scenario : scenarios) {
                items.add(new BulkOperation.Item(new LabKey(learner, scenario), null));
            }
        }
        return run(action, items);
    }

    /** Starts an operation over the given labs (the idle clean-up uses it with its own selection). */
    BulkOperation run(Action action, List<BulkOperation.Item> items) {
        BulkOperation op = new BulkOperation(UUID.randomUUID().toString(), action, items, clock);
        history.addFirst(op);
        while (history.size() > Math.max(1, config.history())) {
            history.pollLast();
        }
        LOG.infof("Operation %s: %s on %d labs", op.id(), action.id(), items.size());
        for (BulkOperation.Item item : op.items()) {
            pool.execute(() -> work(op, item));
        }
        return op;
    }

    public Optional<BulkOperation> find(String id) {
        return history.stream().filter(op -> op.id().equals(id)).findFirst();
    }

    /** Every kept operation, newest first. */
    public List<Operation> list() {
        return history.stream().map(BulkOperation::snapshot).toList();
    }

    /** Skips whatever running operations have not begun yet (class end). */
    void cancelPending(String why) {
        history.stream().filter(BulkOperation::running).forEach(op -> op.cancelPending(why));
    }

    // ---- the selection ----

    private List<String> scenarios(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return catalog.all().stream().map(Scenario::id).toList();
        }
        List<String> ids = new ArrayList<>();
        for (String s : requested) {
            Scenario scenario = s == null ? null : catalog.find(s.strip()).orElse(null);
            if (scenario == null) {
                throw new BadRequestException("unknown scenario '" + s + "'; the scenarios are "
                        + catalog.all().stream().map(Scenario::id).toList());
            }
            if (!ids.contains(scenario.id())) {
                ids.add(scenario.id());
            }
        }
        return ids;
    }

    private List<LearnerId> learners(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return classLearners();
        }
        if (requested.size() > MAX_LEARNERS) {
            throw new BadRequestException("at most " + MAX_LEARNERS + " learners per operation");
        }
        Map<String, LearnerId> byName = new LinkedHashMap<>();
        for (String raw : requested) {
            LearnerId learner;
            try {
                learner = LearnerId.of(raw);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("invalid learner id '" + raw + "': " + e.getMessage());
            }
            byName.putIfAbsent(learner.name(), learner);
        }
        return List.copyOf(byName.values());
    }

    /** The class as the cluster knows it ({@link ClusterState#learners()}). */
    public List<LearnerId> classLearners() {
        return cluster.learners();
    }

    // ---- one lab ----

    private void work(BulkOperation op, BulkOperation.Item item) {
        if (!op.begin(item)) {
            return;
        }
        try {
            String skipped = apply(op.action(), item.lab);
            op.end(item, skipped == null ? Operation.LabState.DONE : Operation.LabState.SKIPPED, skipped);
        } catch (LabNotFoundException e) {
            op.end(item, Operation.LabState.SKIPPED, "not started");
        } catch (LabBusyException e) {
            op.end(item, Operation.LabState.FAILED, e.getMessage());
        } catch (KubernetesClientException e) {
            op.end(item, Operation.LabState.FAILED, apiError(e));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Operation %s: %s of %s failed", op.id(), op.action().id(), item.lab.namespace());
            op.end(item, Operation.LabState.FAILED, shorten(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** Does the action on one lab; returns why it was skipped, or null when it was done. */
    private String apply(Action action, LabKey lab) {
        Optional<Namespace> ns = cluster.labNamespace(lab.namespace());
        boolean terminating = ns.map(n -> n.getMetadata().getDeletionTimestamp() != null).orElse(false);
        switch (action) {
            case START -> {
                if (!terminating && ns.map(n -> Progress.fromAnnotations(n.getMetadata().getAnnotations()).injected())
                        .orElse(false)) {
                    return "already running";
                }
                return labs.start(lab) ? null : "already running";
            }
            case RESET -> {
                if (terminating) {
                    return "being deleted";
                }
                labs.reset(lab);
                return null;
            }
            case SOLVE -> {
                if (terminating) {
                    return "being deleted";
                }
                if (ns.isPresent() && grader.evaluate(lab).outcome().passed()) {
                    return "already fixed";
                }
                labs.solve(lab);
                return null;
            }
            case DELETE -> {
                if (terminating) {
                    return "already being deleted";
                }
                labs.delete(lab);
                return null;
            }
            default -> throw new IllegalStateException("unknown action " + action);
        }
    }

    static String apiError(KubernetesClientException e) {
        if (e.getCode() == 0) {
            return shorten("the Kubernetes cluster cannot be reached: " + e.getMessage());
        }
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return shorten("the Kubernetes API answered " + e.getCode() + ": " + detail);
    }

    static String shorten(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }
}

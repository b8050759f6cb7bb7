package dev.breakfix.terminal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.access.AccessConfig;
import dev.breakfix.access.AccessUnavailableException;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.access.LearnerHomes;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.scheduler.Scheduled;

/**
 * The toolbox Pods' life: created on demand when a terminal opens (with the learner's home), kept while terminals
 * use them, removed once idle for {@code breakfix.access.toolbox-idle}.
 *
 * <p>
 * Use is counted per learner in this server ({@link #acquire}); the last use is also stamped on the Pod
 * ({@value ToolboxPods#LAST_ACTIVE}) so that another replica does not remove a toolbox this one uses.
 */
@ApplicationScoped
public class Toolboxes {

    private static final Logger LOG = Logger.getLogger(Toolboxes.class);
    private static final Duration STEP = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final AccessConfig config;
    private final LearnerHomes homes;
    private final Clock clock;
    private final Map<String, Use> uses = new ConcurrentHashMap<>();

    public Toolboxes(KubernetesClient client, AccessConfig config, LearnerHomes homes, Clock clock) {
        this.client = client;
        this.config = config;
        this.homes = homes;
        this.clock = clock;
    }

    /** How a learner's toolbox is used on this server. */
    private static final class Use {
        volatile int users;
        volatile Instant lastActive;
        volatile Instant stamped = Instant.EPOCH;
    }

    /** A terminal's hold on the learner's toolbox: it is not removed while held. */
    public final class Lease implements AutoCloseable {
        private final LearnerId learner;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(LearnerId learner) {
            this.learner = learner;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(learner);
            }
        }
    }

    public Lease acquire(LearnerId learner) {
        uses.compute(learner.name(), (k, use) -> {
            Use u = use == null ? new Use() : use;
            u.users++;
            u.lastActive = clock.instant();
            return u;
        });
        return new Lease(learner);
    }

    private void release(LearnerId learner) {
        Instant now = clock.instant();
        uses.computeIfPresent(learner.name(), (k, u) -> {
            u.users = Math.max(0, u.users - 1);
            u.lastActive = now;
            return u;
        });
        stamp(learner.name(), now);
    }

    /** How many terminals of this server hold a toolbox. */
    public int users() {
        return uses.values().stream().mapToInt(u -> u.users).sum();
    }

    /**
     * Blocks until the learner's toolbox runs and is ready, creating the home and the Pod when missing and
     * replacing a Pod that stopped; {@code progress} hears what it waits for. Throws
     * {@link AccessUnavailableException} when the toolbox cannot run (image, timeout).
     */
    public void ensureRunning(LearnerId learner, Consumer<Msg> progress) {
        String home = homes.ensure(learner);
        PodResource pod = client.pods().inNamespace(home).withName(ToolboxPods.POD);
        Instant deadline = clock.instant().plus(config.toolboxStartTimeout());
        boolean told = false;
        while (true) {
            Pod current = pod.get();
            if (current != null && isReady(current)) {
                return;
            }
            Optional<Msg> problem = current == null ? Optional.empty() : startProblem(current);
            if (problem.isPresent()) {
                throw new ToolboxUnavailableException(problem.get());
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new ToolboxUnavailableException(Msg.of("term.timeout",
                        Long.toString(config.toolboxStartTimeout().toSeconds())));
            }
            if (current == null) {
                create(learner);
                if (!told) {
                    progress.accept(Msg.of("term.creating"));
                    told = true;
                }
            } else if (current.getMetadata().getDeletionTimestamp() == null && isFinished(current)) {
                LOG.infof("Replacing the stopped toolbox in %s", home);
                pod.withGracePeriod(0).delete();
            }
            try {
                pod.waitUntilCondition(p -> p == null ? current != null : changed(current, p),
                        Math.min(left.toMillis(), STEP.toMillis()), TimeUnit.MILLISECONDS);
            } catch (KubernetesClientTimeoutException e) {
                // look again: the step bounds each wait, the deadline the whole start
            }
        }
    }

    /** Something to act on happened: ready, stopped, going, or failing to start. */
    private static boolean changed(Pod before, Pod now) {
        if (before == null) {
            return true;
        }
        return isReady(now) || isFinished(now) || startProblem(now).isPresent()
                || !Objects.equals(before.getMetadata().getUid(), now.getMetadata().getUid());
    }

    private void create(LearnerId learner) {
        try {
            client.resource(ToolboxPods.pod(learner, config, clock.instant())).create();
            LOG.infof("Created the toolbox of %s", learner.id());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean isFinished(Pod pod) {
        return pod.getStatus() != null
                && ("Succeeded".equals(pod.getStatus().getPhase()) || "Failed".equals(pod.getStatus().getPhase()));
    }

    /** Why the toolbox cannot start, when waiting will not help. */
    static Optional<Msg> startProblem(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
            if (s.getState() != null && s.getState().getWaiting() != null) {
                String reason = s.getState().getWaiting().getReason();
                if ("ErrImagePull".equals(reason) || "ImagePullBackOff".equals(reason) || "InvalidImageName".equals(reason)) {
                    return Optional.of(Msg.of("term.imageUnpullable", s.getImage(), reason));
                }
                if ("CreateContainerConfigError".equals(reason) || "CreateContainerError".equals(reason)) {
                    return Optional.of(Msg.of("term.cannotStart", reason, String.valueOf(s.getState().getWaiting().getMessage())));
                }
            }
        }
        return Optional.empty();
    }

    // ---- idle toolboxes ----

    @Scheduled(every = "${breakfix.access.toolbox-check-interval:60s}", delayed = "${breakfix.access.toolbox-check-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeIdleToolboxes() {
        try {
            reapIdle(clock.instant());
        } catch (RuntimeException e) {
            LOG.debugf(e, "cannot look for idle toolboxes");
        }
    }

    /**
     * Removes every toolbox nobody used for {@code breakfix.access.toolbox-idle} before {@code now}; stamps the
     * ones in use. Returns how many were removed.
     */
    public int reapIdle(Instant now) {
        int removed = 0;
        for (Pod pod : client.pods().inAnyNamespace().withLabelSelector(ToolboxPods.SELECTOR).list().getItems()) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String learner = label(pod, BreakfixLabels.LEARNER);
            Use use = learner == null ? null : uses.get(learner);
            if (use != null && use.users > 0) {
                if (Duration.between(use.stamped, now).compareTo(config.toolboxIdle().dividedBy(3)) > 0) {
                    stamp(learner, now);
                }
                continue;
            }
            Instant last = lastActive(pod, use);
            if (Duration.between(last, now).compareTo(config.toolboxIdle()) >= 0) {
                LOG.infof("Removing the idle toolbox in %s (last used %s)", pod.getMetadata().getNamespace(), last);
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
                if (learner != null) {
                    uses.computeIfPresent(learner, (k, u) -> u.users == 0 ? null : u);
                }
                removed++;
            }
        }
        return removed;
    }

    private static Instant lastActive(Pod pod, Use use) {
        Instant last = Instant.EPOCH;
        String created = pod.getMetadata().getCreationTimestamp();
        String stamped = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(ToolboxPods.LAST_ACTIVE);
        for (String s : new String[] { created, stamped }) {
            if (s != null) {
                try {
                    Instant t = Instant.parse(s);
                    last = t.isAfter(last) ? t : last;
                } catch (DateTimeParseException e) {
                    // ignore: another writer's format
                }
            }
        }
        if (use != null && use.lastActive != null && use.lastActive.isAfter(last)) {
            last = use.lastActive;
        }
        return last;
    }

    /** Writes the last use on the toolbox Pod (best effort). */
    private void stamp(String learnerName, Instant at) {
        uses.computeIfPresent(learnerName, (k, u) -> {
            u.stamped = at;
            return u;
        });
        try {
            client.pods().inNamespace(dev.breakfix.access.LearnerHome.NAMESPACE_PREFIX + learnerName)
                    .withName(ToolboxPods.POD)
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"annotations\":{\"" + ToolboxPods.LAST_ACTIVE + "\":\"" + at + "\"}}}");
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot stamp the toolbox of %s: %s", learnerName, e.getMessage());
        }
    }

    private static String label(Pod pod, String key) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
    }
}

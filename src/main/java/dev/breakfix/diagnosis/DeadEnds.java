package dev.breakfix.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Recognises the dead ends learners of the chapter run into, from what the cache holds: a manifest applied
 * over the live Pod and refused (remembered on the lab's namespace, {@link #LAST_REFUSAL}), an image set while
 * the kubelet still backs off the failed pulls, the chapter's {@code purpose=special} label on a node instead
 * of the learner's own, a Pod of a Deployment edited or deleted instead of the Deployment. Pure.
 */
public final class DeadEnds {

    /** Namespace annotation: the last refusal of a learner's apply that coaching explains (JSON). */
    public static final String LAST_REFUSAL = "breakfix.dev/last-refusal";

    /** The chapter's node label key, which this lab replaces with a key per learner. */
    public static final String CHAPTER_LABEL_KEY = "purpose";

    /** A Pod created this long after its ReplicaSet replaced a deleted one (when no events say so). */
    static final Duration REPLACED_AFTER = Duration.ofSeconds(30);

    private static final Pattern BACK_OFF_IMAGE = Pattern.compile("Back-off pulling image \"([^\"]+)\"");
    private static final Pattern PULL_IMAGE = Pattern.compile("[Ff]ailed to pull image \"([^\"]+)\"");

    private DeadEnds() {
    }

    /**
     * What the cache shows around the workload's Pod.
     *
     * @param target      the workload's Pod, null if none
     * @param deployment  the workload's Deployment, null for a bare Pod
     * @param replicaSets the namespace's ReplicaSets
     * @param events      the namespace's events
     * @param nodes       the cluster's nodes
     * @param annotations the lab namespace's annotations
     */
    public static List<DeadEnd> find(Pod target, Deployment deployment, List<ReplicaSet> replicaSets, List<Event> events,
            List<Node> nodes, Map<String, String> annotations, Instant now) {
        List<DeadEnd> found = new ArrayList<>();
        if (target == null) {
            return found;
        }
        boolean running = Pods.isTrue(target, "Ready");
        if (!running) {
            refusedApply(target, annotations).ifPresent(found::add);
            imageBackOff(target).ifPresent(found::add);
            chapterLabel(target, nodes).ifPresent(found::add);
        }
        if (deployment != null) {
            podEdited(target, deployment).ifPresent(found::add);
            if (!running) {
                recreated(target, replicaSets, events, now).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The refusal as it is kept on the namespace. */
    public record Refusal(String reason, String pod, String uid, String fields, String at) {

        public String toJson() {
            return Serialization.asJson(this);
        }

        static Optional<Refusal> read(Map<String, String> annotations) {
            String json = annotations == null ? null : annotations.get(LAST_REFUSAL);
            if (json == null || json.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(Serialization.unmarshal(json, Refusal.class));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** The coaching for a manifest refused because it changes a live Pod's spec. */
    public static DeadEnd podImmutable(String pod, String fields) {
        Object changed = fields == null || fields.isBlank() ? Msg.of("coach.podImmutable.fields") : fields;
        return new DeadEnd(DeadEnd.POD_IMMUTABLE, Msg.of("coach.podImmutable.what", pod),
                Msg.of("coach.podImmutable.why", changed), Msg.of("coach.podImmutable.next", pod));
    }

    /** The Pod the learner's apply was refused for is still the same live Pod. */
    static Optional<DeadEnd> refusedApply(Pod target, Map<String, String> annotations) {
        return Refusal.read(annotations)
                .filter(r -> DeadEnd.POD_IMMUTABLE.equals(r.reason()))
                .filter(r -> Objects.equals(r.pod(), Pods.name(target)))
                .filter(r -> r.uid() == null || Objects.equals(r.uid(), target.getMetadata().getUid()))
                .map(r -> podImmutable(r.pod(), r.fields()));
    }

    /** The spec asks for another image than the one whose failed pulls the kubelet still backs off. */
    static Optional<DeadEnd> imageBackOff(Pod target) {
        List<ContainerStatus> statuses = Pods.containerStatuses(target);
        for (Container c : Pods.list(Pods.spec(target).getContainers())) {
            ContainerStatus status = statuses.stream().filter(s -> c.getName().equals(s.getName())).findFirst().orElse(null);
            if (status == null || Pods.state(status).getWaiting() == null) {
                continue;
            }
            String reason = Pods.state(status).getWaiting().getReason();
            if (!"ImagePullBackOff".equals(reason) && !"ErrImagePull".equals(reason)) {
                continue;
            }
            String failing = imageIn(Pods.state(status).getWaiting().getMessage()).orElse(status.getImage());
            if (failing != null && c.getImage() != null && !sameImage(failing, c.getImage())) {
                return Optional.of(new DeadEnd(DeadEnd.IMAGE_BACKOFF_AFTER_SET_IMAGE,
                        Msg.of("coach.backoff.what", c.getName(), c.getImage(), reason, failing),
                        Msg.of("coach.backoff.why"), Msg.of("coach.backoff.next")));
            }
        }
        return Optional.empty();
    }

    /** A node carries the chapter's {@code purpose} label while the Pod, asking for another key, waits. */
    static Optional<DeadEnd> chapterLabel(Pod target, List<Node> nodes) {
        Map<String, String> selector = Pods.spec(target).getNodeSelector();
        if (selector == null || selector.isEmpty() || selector.containsKey(CHAPTER_LABEL_KEY)
                || !Pods.isBlank(Pods.spec(target).getNodeName())) {
            return Optional.empty();
        }
        String wanted = selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
        return nodes.stream()
                .filter(n -> n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey(CHAPTER_LABEL_KEY))
                .map(n -> n.getMetadata().getName()).sorted().findFirst()
                .map(node -> new DeadEnd(DeadEnd.CHAPTER_NODE_LABEL, Msg.of("coach.chapterLabel.what", node, wanted),
                        Msg.of("coach.chapterLabel.why"), Msg.of("coach.chapterLabel.next", node, wanted)));
    }

    /** The Deployment's Pod runs other images (or containers) than the Deployment's template. */
    static Optional<DeadEnd> podEdited(Pod target, Deployment deployment) {
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            return Optional.empty();
        }
        List<Container> template = Pods.list(deployment.getSpec().getTemplate().getSpec().getContainers());
        List<Container> pod = Pods.list(Pods.spec(target).getContainers());
        Msg difference = null;
        if (template.size() != pod.size()) {
            difference = Msg.of("coach.diff.other");
        } else {
            for (int i = 0; i < pod.size() && difference == null; i++) {
                Container p = pod.get(i);
                Container t = template.get(i);
                if (!Objects.equals(p.getName(), t.getName())) {
                    difference = Msg.of("coach.diff.other");
                } else if (!sameImage(p.getImage(), t.getImage())) {
                    difference = Msg.of("coach.diff.image", p.getName(), p.getImage(), t.getImage());
                }
            }
        }
        String name = deployment.getMetadata().getName();
        return Optional.ofNullable(difference).map(d -> new DeadEnd(DeadEnd.POD_EDITED_NOT_DEPLOYMENT,
                Msg.of("coach.podEdited.what", Pods.name(target), name, d), Msg.of("coach.podEdited.why"),
                Msg.of("coach.podEdited.next", Pods.name(target), name)));
    }

    /**
     * The ReplicaSet created this Pod in place of a deleted one: its events name more than one Pod it created,
     * or (where events are gone) the Pod is much younger than its ReplicaSet.
     */
    static Optional<DeadEnd> recreated(Pod target, List<ReplicaSet> replicaSets, List<Event> events, Instant now) {
        Optional<OwnerReference> owner = Pods.list(target.getMetadata().getOwnerReferences()).stream()
                .filter(r -> "ReplicaSet".equals(r.getKind())).findFirst();
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        String rs = owner.get().getName();
        long created = events.stream()
                .filter(e -> e.getInvolvedObject() != null && "ReplicaSet".equals(e.getInvolvedObject().getKind())
                        && rs.equals(e.getInvolvedObject().getName()) && "SuccessfulCreate".equals(e.getReason()))
                .map(Event::getMessage).filter(Objects::nonNull).distinct().count();
        Instant rsCreated = replicaSets.stream().filter(r -> rs.equals(r.getMetadata().getName())).findFirst()
                .map(r -> Timestamps.parse(r.getMetadata().getCreationTimestamp())).orElse(null);
        Instant podCreated = Timestamps.parse(target.getMetadata().getCreationTimestamp());
        boolean younger = rsCreated != null && podCreated != null
                && Duration.between(rsCreated, podCreated).compareTo(REPLACED_AFTER) > 0;
        if (created < 2 && !younger) {
            return Optional.empty();
        }
        String deployment = Advice.owner(target);
        return Optional.of(new DeadEnd(DeadEnd.POD_RECREATED_BY_REPLICASET,
                Msg.of("coach.recreated.what", Pods.name(target), rs), Msg.of("coach.recreated.why"),
                Msg.of("coach.recreated.next", Pods.name(target), rs, deployment)));
    }

    static Optional<String> imageIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        for (Pattern p : List.of(BACK_OFF_IMAGE, PULL_IMAGE)) {
            Matcher m = p.matcher(message);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** {@code nginx}, {@code nginx:latest} and {@code docker.io/library/nginx:latest} are the same image. */
    static boolean sameImage(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String image) {
        String i = image == null ? "" : image.strip().toLowerCase(Locale.ROOT);
        if (i.startsWith("docker.io/")) {
            i = i.substring("docker.io/".length());
        }
        if (i.startsWith("library/")) {
            i = i.substring("library/".length());
        }
        int slash = i.lastIndexOf('/');
        if (!i.contains("@") && i.indexOf(':', slash + 1) < 0) {
            i = i + ":latest";
        }
        return i;
    }
}

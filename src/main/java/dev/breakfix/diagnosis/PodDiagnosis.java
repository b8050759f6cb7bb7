package dev.breakfix.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What is the matter with one Pod, in the chapter's terms.
 *
 * @param pod           the Pod's name
 * @param state         the diagnosis; {@link PodState#Running} only when every container runs and is ready
 *                      and the Pod's Ready condition is true
 * @param kubectlStatus the STATUS column of {@code kubectl get pods} ({@code NotFound} for a missing Pod)
 * @param reason        short: the scheduler's reason ({@code Insufficient cpu}), the waiting reason
 *                      ({@code ImagePullBackOff}), the terminated reason ({@code OOMKilled}), ...
 * @param message       what the cluster says in full: the scheduler's message, the kubelet's waiting message,
 *                      the pull error of the latest {@code Failed} event, ...
 * @param node          the node the Pod is bound to, null if none
 * @param restarts      the restart count {@code kubectl get pods} shows
 * @param containers    the Pod's containers in spec order (init containers not included)
 * @param evidence      the events, states and exit codes that show it, one line each (English)
 * @param advice        one or two plain sentences: what is wrong and which command shows more
 * @param explanation   the same, part by part: what, evidence, commands, where to look, what to try next
 * @param coaching      dead ends the learner has run into on the way (applied over a live Pod, edited the
 *                      Deployment's Pod, ...), each explained
 * @param explained     the explanation before it is put into words (not in JSON)
 * @param deadEnds      the coaching before it is put into words (not in JSON)
 */
public record PodDiagnosis(String pod, PodState state, String kubectlStatus, String reason, String message,
                           String node, int restarts, List<ContainerDiagnosis> containers, List<String> evidence,
                           String advice, Explanation explanation, List<Coaching> coaching,
                           @JsonIgnore Explained explained, @JsonIgnore List<DeadEnd> deadEnds) {

    public PodDiagnosis {
        containers = containers == null ? List.of() : List.copyOf(containers);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        coaching = coaching == null ? List.of() : List.copyOf(coaching);
        deadEnds = deadEnds == null ? List.of() : List.copyOf(deadEnds);
    }

    /** A diagnosis in English with the generic next step, as the diagnoser makes it. */
    static PodDiagnosis of(String pod, PodState state, String kubectlStatus, String reason, String message, String node,
            int restarts, List<ContainerDiagnosis> containers, List<Msg> evidence, Explained explained) {
        return new PodDiagnosis(pod, state, kubectlStatus, reason, message, node, restarts, containers,
                evidence.stream().map(Msg::english).toList(), explained.advice(Locale.ENGLISH),
                explained.render(Locale.ENGLISH, false), List.of(), explained, List.of());
    }

    /** {@code pod: reason: message}, for logs and reports. */
    public String summary() {
        return pod + ": " + reason + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /**
     * The advice, explanation and coaching in {@code locale} (the page's language; English where none is at
     * hand), with the specific next step once the learner has opened a hint. Cluster facts stay as they are.
     */
    public PodDiagnosis localized(Locale locale, boolean hintsOpened) {
        if (explained == null) {
            return this;
        }
        return new PodDiagnosis(pod, state, kubectlStatus, reason, message, node, restarts, containers, evidence,
                explained.advice(locale), explained.render(locale, hintsOpened),
                deadEnds.stream().map(d -> d.render(locale)).toList(), explained, deadEnds);
    }

    /** The same in {@code locale}, with the next step as specific as before. */
    public PodDiagnosis in(Locale locale) {
        return localized(locale, explanation != null && explanation.specific());
    }

    /** The same with the dead ends found around it, rendered in English until {@link #localized}. */
    public PodDiagnosis withDeadEnds(List<DeadEnd> found) {
        List<DeadEnd> all = new ArrayList<>(deadEnds);
        found.stream().filter(d -> all.stream().noneMatch(a -> a.id().equals(d.id()))).forEach(all::add);
        return new PodDiagnosis(pod, state, kubectlStatus, reason, message, node, restarts, containers, evidence, advice,
                explanation, all.stream().map(d -> d.render(Locale.ENGLISH)).toList(), explained, all);
    }

    /** The same with the last lines a container printed added to the explanation's evidence. */
    public PodDiagnosis withLogTail(String container, boolean previous, List<String> lines) {
        if (explained == null || lines.isEmpty()) {
            return this;
        }
        List<Msg> more = new ArrayList<>();
        more.add(Msg.of(previous ? "ev.logTailPrevious" : "ev.logTail", container, Integer.toString(lines.size())));
        lines.forEach(l -> more.add(Evidence.verbatim(l)));
        Explained e = explained.withEvidence(more);
        return new PodDiagnosis(pod, state, kubectlStatus, reason, message, node, restarts, containers, evidence, advice,
                e.render(Locale.ENGLISH, explanation != null && explanation.specific()), coaching, e, deadEnds);
    }

    /** Whether this diagnosis is about a container that has exited, so that its log tells why. */
    @JsonIgnore
    public boolean exited() {
        return state == PodState.CrashLoopBackOff || state == PodState.Error || state == PodState.OOMKilled;
    }
}

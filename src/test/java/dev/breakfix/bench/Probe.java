package dev.breakfix.bench;

import java.util.List;

import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * One learner's open lab page, and the Pod status change the benchmark last wrote into it: a restart
 * count the Pod has not had before ({@link #marker}), written at {@link #writtenAt}. Each way of watching the
 * lab (the live page's event stream, a cache listener with the lab's view, a polling page) says when it
 * first showed it.
 */
final class Probe {

    /** The ways a change reaches a page. */
    enum Path {
        /** Breakfix: the lab page's server-sent events (htmx live panel). */
        SSE,
        /** Breakfix: a ClusterState.onNamespaceChange listener, then LabService.view. */
        LISTENER,
        /** Baseline: a page polling the API server. */
        POLL
    }

    final LabKey lab;
    /** The Pod whose first container's restart count is written, as last written. */
    final Pod object;
    final String pod;
    private int marker;
    /** The restart count last written: a crash loop of some days, counting up as a real one does. */
    private int restarts = 1000;
    private long writtenAt;
    private final boolean[] seen = new boolean[Path.values().length];

    Probe(LabKey lab, Pod pod) {
        this.lab = lab;
        this.object = pod;
        this.pod = pod.getMetadata() == null ? null : pod.getMetadata().getName();
    }

    synchronized void written(int marker, long writtenAt) {
        this.marker = marker;
        this.writtenAt = writtenAt;
        java.util.Arrays.fill(seen, false);
    }

    /** The next restart count to write: one more than the last, so every write is new to every page. */
    synchronized int nextRestartCount() {
        return ++restarts;
    }

    synchronized int marker() {
        return marker;
    }

    /** The marker as the live panel's RESTARTS cell begins: {@code <td>1042}. */
    synchronized String htmlMarker() {
        return marker == 0 ? null : "<td>" + marker;
    }

    /** Whether every path in {@code paths} has seen the current marker (or none was written). */
    synchronized boolean seenBy(List<Path> paths) {
        if (marker == 0) {
            return true;
        }
        for (Path p : paths) {
            if (!seen[p.ordinal()]) {
                return false;
            }
        }
        return true;
    }

    synchronized boolean pending(Path path) {
        return marker != 0 && !seen[path.ordinal()];
    }

    /** Records that {@code path} shows the marker now; returns the delay in ns, or -1 when not pending. */
    synchronized long seen(Path path, long now) {
        if (marker == 0 || seen[path.ordinal()]) {
            return -1;
        }
        seen[path.ordinal()] = true;
        return Math.max(0, now - writtenAt);
    }

    synchronized boolean shows(List<PodDiagnosis> pods) {
        for (PodDiagnosis d : pods) {
            if (d.restarts() == marker && d.pod().equals(pod)) {
                return true;
            }
        }
        return false;
    }

    synchronized long writtenAt() {
        return writtenAt;
    }
}

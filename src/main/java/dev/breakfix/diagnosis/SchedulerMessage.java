package dev.breakfix.diagnosis;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler's FailedScheduling message in short, normalised words, whatever the release wrote:
 * v1.20 says {@code 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.}, older releases
 * {@code didn't match node selector}, newer ones {@code didn't match Pod's node affinity/selector} and add a
 * {@code preemption: ...} sentence, which is not a reason and is left out.
 */
final class SchedulerMessage {

    static final String SELECTOR = "node selector/affinity does not match any node";

    private static final Pattern PREEMPTION = Pattern.compile("\\s*preemption:.*", Pattern.DOTALL);
    private static final Pattern AVAILABLE = Pattern.compile("^\\s*\\d+/\\d+ nodes are available:\\s*");
    private static final Pattern NODE_SELECTOR = Pattern.compile(
            "didn't match (Pod's )?node (affinity|selector)|MatchNodeSelector");
    private static final Pattern INSUFFICIENT = Pattern.compile("Insufficient ([\\w./-]*\\w)");
    private static final Pattern TAINT = Pattern.compile("taint");
    private static final Pattern TOO_MANY_PODS = Pattern.compile("Too many pods");
    private static final Pattern VOLUME = Pattern.compile("PersistentVolumeClaim|volume node affinity", Pattern.CASE_INSENSITIVE);

    private SchedulerMessage() {
    }

    /**
     * The reasons no node fits, e.g. {@value #SELECTOR} or {@code Insufficient cpu}, joined by ", "; the
     * message itself (without its counts) when no known reason is in it.
     */
    static String reason(String message) {
        String reasons = PREEMPTION.matcher(Pods.orEmpty(message)).replaceFirst("");
        Set<String> found = new LinkedHashSet<>();
        if (NODE_SELECTOR.matcher(reasons).find()) {
            found.add(SELECTOR);
        }
        Matcher insufficient = INSUFFICIENT.matcher(reasons);
        while (insufficient.find()) {
            found.add("Insufficient " + insufficient.group(1));
        }
        if (TAINT.matcher(reasons).find()) {
            found.add("the nodes have taints the Pod does not tolerate");
        }
        if (TOO_MANY_PODS.matcher(reasons).find()) {
            found.add("Too many pods");
        }
        if (VOLUME.matcher(reasons).find()) {
            found.add("a volume cannot be bound or reached");
        }
        if (found.isEmpty()) {
            return AVAILABLE.matcher(reasons).replaceFirst("").replaceAll("\\.+$", "").strip();
        }
        return String.join(", ", found);
    }

    /** Whether the reasons include a node selector or node affinity that no node matches. */
    static boolean isSelector(String reason) {
        return reason.contains(SELECTOR);
    }
}

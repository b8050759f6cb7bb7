package dev.breakfix.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.breakfix.diagnosis.Events;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.diagnosis.Timestamps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Reconstructs a Pod's image pulls and container starts from what the cluster keeps: the Events (one event per
 * distinct message, with a count and only its first and last time) and the container statuses (restartCount,
 * the last run's start and end, the waiting reason and the kubelet's back-off message). Points the data gives are
 * observed; the rest are placed by the kubelet's back-off rule (10 s, doubled after each failure, at most 5
 * minutes) and marked inferred. Pure: the same input gives the same timeline.
 */
public final class BackoffTimelines {

    /** The kubelet's first back-off and its cap, in seconds. */
    static final long INITIAL_SECONDS = 10;
    static final long CAP_SECONDS = 300;
    /** Seconds a crashing container runs plus the kubelet's sync delay, added to a back-off to place an inferred point. */
    static final long SETTLE_SECONDS = 2;
    /** At most this many attempts are inferred after the last recorded one. */
    private static final int MAX_EXTRAPOLATED = 50;
    /** Starts and pulls drawn: the last ones, enough for the doubling and some hours at the cap (more than are ever extrapolated). */
    static final int MAX_SHOWN = 60;
    private static final Pattern BACKOFF_MESSAGE = Pattern.compile("back-off ((?:\\d+h)?(?:\\d+m)?(?:\\d+(?:\\.\\d+)?s)?) ");

    private BackoffTimelines() {
    }

    /** The back-off before start {@code i} (0 is the first start): none before the first restart, then 10 s, 20 s ... 5 min. */
    public static long restartDelay(int i) {
        return i <= 1 ? 0 : capped(i - 2);
    }

    /** The back-off before pull {@code j} (0 is the first pull): 10 s, 20 s, 40 s ... 5 min. */
    public static long pullDelay(int j) {
        return j <= 0 ? 0 : capped(j - 1);
    }

    private static long capped(int doublings) {
        return doublings >= 5 ? CAP_SECONDS : Math.min(CAP_SECONDS, INITIAL_SECONDS << doublings);
    }

    /** The timeline of {@code pod} from its own events ({@link Events#forPod}) at {@code now}. */
    public static PodTimeline of(Pod pod, List<Event> podEvents, Instant now) {
        Map<String, ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? Map.of()
                : pod.getStatus().getContainerStatuses().stream()
                        .collect(Collectors.toMap(ContainerStatus::getName, Function.identity(), (a, b) -> a));
        List<String> names = pod.getSpec() == null ? List.copyOf(statuses.keySet())
                : pod.getSpec().getContainers().stream().map(Container::getName).toList();
        List<ContainerTimeline> containers = new ArrayList<>();
        for (String name : names) {
            containers.add(container(name, statuses.get(name), containerEvents(podEvents, name), now));
        }
        return new PodTimeline(pod.getMetadata().getName(), Timestamps.parse(pod.getMetadata().getCreationTimestamp()),
                now, List.copyOf(containers));
    }

    /** An aggregated event: {@code count} occurrences, of which only the first and last time are known. */
    record Series(String reason, String message, Instant first, Instant last, int count) {
    }

    static List<Series> containerEvents(List<Event> podEvents, String container) {
        String fieldPath = "spec.containers{" + container + "}";
        List<Series> out = new ArrayList<>();
        for (Event e : podEvents) {
            if (e.getInvolvedObject() == null || !fieldPath.equals(e.getInvolvedObject().getFieldPath())) {
                continue;
            }
            Instant first = Events.firstSeen(e);
            Instant last = Events.lastSeen(e);
            if (first == null && last == null) {
                continue;
            }
            int count = e.getSeries() != null && e.getSeries().getCount() != null ? e.getSeries().getCount()
                    : e.getCount() != null ? e.getCount() : 1;
            out.add(new Series(e.getReason(), e.getMessage() == null ? "" : e.getMessage(), first != null ? first : last, last != null ? last : first, Math.max(1, count)));
        }
        out.sort(Comparator.comparing(Series::first));
        return out;
    }

    private static ContainerTimeline container(String name, ContainerStatus status, List<Series> events, Instant now) {
        List<Msg> notes = new ArrayList<>();
        String waiting = status != null && status.getState() != null && status.getState().getWaiting() != null
                ? status.getState().getWaiting().getReason() : null;
        boolean pulling = "ErrImagePull".equals(waiting) || "ImagePullBackOff".equals(waiting);

        // Pulls are drawn when pulling failed: then their back-off is the story. A crash loop with imagePullPolicy
        // Always pulls before every start; those pulls follow the restart back-off and are left out.
        boolean pullFailed = pulling || events.stream().anyMatch(s -> ("Failed".equals(s.reason()) || "BackOff".equals(s.reason()))
                && s.message().toLowerCase(java.util.Locale.ROOT).contains("pull"));
        List<Attempt> pulls = pullFailed
                ? pulls(events.stream().filter(s -> "Pulling".equals(s.reason())).toList(), pulling, now, notes)
                : List.of();
        Starts starts = starts(status, events.stream().filter(s -> "Started".equals(s.reason())).toList(), notes);

        List<Attempt> all = new ArrayList<>(pulls);
        all.addAll(starts.attempts());
        all.sort(Comparator.comparing(Attempt::at).thenComparing(Attempt::kind));
        List<Gap> gaps = new ArrayList<>();
        gaps.addAll(gaps(pulls, BackoffTimelines::pullDelay));
        gaps.addAll(gaps(starts.attempts(), BackoffTimelines::restartDelay));

        Prediction next = null;
        if ("CrashLoopBackOff".equals(waiting) && !starts.attempts().isEmpty()) {
            next = nextStart(status, starts, now);
        } else if (pulling && !pulls.isEmpty()) {
            Attempt last = pulls.get(pulls.size() - 1);
            long delay = pullDelay(last.number());
            Instant at = last.at().plusSeconds(delay);
            next = new Prediction(Attempt.Kind.PULL, last.number() + 1, at, delay, delay >= CAP_SECONDS, !at.isAfter(now),
                    Msg.of("tl.basis.pullNext", Long.toString(delay), Integer.toString(last.number())));
        }
        return new ContainerTimeline(name, state(status), status == null || status.getRestartCount() == null ? 0
                : status.getRestartCount(), List.copyOf(all), List.copyOf(gaps), next, List.copyOf(notes));
    }

    private static String state(ContainerStatus status) {
        if (status == null || status.getState() == null) {
            return "Waiting";
        }
        if (status.getState().getRunning() != null) {
            return "Running";
        }
        if (status.getState().getTerminated() != null) {
            String reason = status.getState().getTerminated().getReason();
            return reason == null ? "Terminated" : reason;
        }
        String reason = status.getState().getWaiting() == null ? null : status.getState().getWaiting().getReason();
        return reason == null ? "Waiting" : reason;
    }

    // ---- pulls ---------------------------------------------------------------------------------------------

    private static List<Attempt> pulls(List<Series> series, boolean stillFailing, Instant now, List<Msg> notes) {
        List<Instant> at = new ArrayList<>();
        List<Boolean> inferred = new ArrayList<>();
        List<Msg> basis = new ArrayList<>();
        for (Series s : series) {
            int firstIndex = at.size();
            at.add(s.first());
            inferred.add(false);
            basis.add(Msg.of("tl.basis.pullingFirst"));
            if (s.count() > 1) {
                for (int k = 1; k < s.count() - 1; k++) {
                    at.add(null);
                    inferred.add(true);
                    basis.add(Msg.of("tl.basis.pullBetween", Integer.toString(s.count())));
                }
                at.add(s.last());
                inferred.add(false);
                basis.add(Msg.of("tl.basis.pullingLast", Integer.toString(s.count())));
                fill(at, firstIndex, at.size() - 1, BackoffTimelines::pullDelay);
            }
        }
        if (stillFailing && !at.isEmpty()) {
            int recorded = at.size();
            for (int n = 0; n < MAX_EXTRAPOLATED; n++) {
                Instant next = at.get(at.size() - 1).plusSeconds(pullDelay(at.size()) + SETTLE_SECONDS);
                if (next.isAfter(now)) {
                    break;
                }
                at.add(next);
                inferred.add(true);
                basis.add(Msg.of("tl.basis.pullAfter"));
            }
            if (at.size() > recorded) {
                notes.add(Msg.of("tl.note.pullsAfter", Integer.toString(recorded), Integer.toString(at.size() - recorded)));
            }
        }
        if (series.stream().anyMatch(s -> s.count() > 2)) {
            notes.add(Msg.of("tl.note.pullsBetween"));
        }
        List<Attempt> out = new ArrayList<>();
        for (int i = Math.max(0, at.size() - MAX_SHOWN); i < at.size(); i++) {
            out.add(new Attempt(i + 1, Attempt.Kind.PULL, at.get(i), inferred.get(i), basis.get(i)));
        }
        if (at.size() > MAX_SHOWN) {
            notes.add(Msg.of("tl.note.pullsShown", Integer.toString(MAX_SHOWN), Integer.toString(at.size())));
        }
        return out;
    }

    // ---- starts --------------------------------------------------------------------------------------------

    private record Starts(List<Attempt> attempts, Instant lastFinished) {
    }

    private static Starts starts(ContainerStatus status, List<Series> started, List<Msg> notes) {
        int restarts = status == null || status.getRestartCount() == null ? 0 : status.getRestartCount();
        boolean running = status != null && status.getState() != null && status.getState().getRunning() != null;
        ContainerStateTerminated terminated = status == null || status.getState() == null ? null
                : status.getState().getTerminated();
        ContainerStateTerminated last = status == null || status.getLastState() == null ? null
                : status.getLastState().getTerminated();
        if (restarts == 0 && !running && terminated == null && last == null && started.isEmpty()) {
            return new Starts(List.of(), null);
        }
        int n = Math.max(restarts, started.stream().mapToInt(Series::count).sum() - 1);
        // the recorded points, by start index (0 is the first start): a handful, however long the loop has run
        java.util.TreeMap<Integer, Instant> at = new java.util.TreeMap<>();
        Map<Integer, Msg> basis = new java.util.HashMap<>();

        int index = 0;
        int recorded = 0;
        for (Series s : started) {
            put(at, basis, n, index, s.first(), Msg.of("tl.basis.startedFirst"));
            if (s.count() > 1) {
                put(at, basis, n, index + s.count() - 1, s.last(), Msg.of("tl.basis.startedLast", Integer.toString(s.count())));
            }
            index += s.count();
            recorded += s.count();
        }
        Instant lastFinished = null;
        if (running) {
            put(at, basis, n, n, Timestamps.parse(status.getState().getRunning().getStartedAt()), field("state.running.startedAt"));
            if (last != null && n >= 1) {
                put(at, basis, n, n - 1, Timestamps.parse(last.getStartedAt()), field("lastState.terminated.startedAt"));
            }
        } else if (terminated != null) {
            put(at, basis, n, n, Timestamps.parse(terminated.getStartedAt()), field("state.terminated.startedAt"));
            lastFinished = Timestamps.parse(terminated.getFinishedAt());
            if (last != null && n >= 1) {
                put(at, basis, n, n - 1, Timestamps.parse(last.getStartedAt()), field("lastState.terminated.startedAt"));
            }
        } else if (last != null) {
            put(at, basis, n, n, Timestamps.parse(last.getStartedAt()), field("lastState.terminated.startedAt"));
            lastFinished = Timestamps.parse(last.getFinishedAt());
        }
        if (at.isEmpty()) {
            return new Starts(List.of(), null);
        }
        // only the last MAX_SHOWN starts are placed and drawn: a loop that has run for days stays one small chart
        int first = Math.max(0, n + 1 - MAX_SHOWN);
        List<Instant> times = new ArrayList<>(java.util.Collections.nCopies(n + 1 - first, (Instant) null));
        List<Integer> anchors = new ArrayList<>();
        at.tailMap(first, true).forEach((i, t) -> {
            times.set(i - first, t);
            anchors.add(i - first);
        });
        if (anchors.isEmpty()) { // every recorded start is older than the window: carry the last one forward
            Map.Entry<Integer, Instant> seed = at.lastEntry();
            Instant t = seed.getValue();
            for (int i = seed.getKey() + 1; i <= first; i++) {
                t = t.plusSeconds(restartDelay(i) + SETTLE_SECONDS);
            }
            times.set(0, t);
            anchors.add(0);
        }
        for (int a = 0; a + 1 < anchors.size(); a++) {
            fill(times, anchors.get(a), anchors.get(a + 1), j -> restartDelay(j + first));
        }
        for (int j = anchors.get(0) - 1; j >= 0; j--) {
            times.set(j, times.get(j + 1).minusSeconds(restartDelay(j + first + 1) + SETTLE_SECONDS));
        }
        for (int j = anchors.get(anchors.size() - 1) + 1; j < times.size(); j++) {
            times.set(j, times.get(j - 1).plusSeconds(restartDelay(j + first) + SETTLE_SECONDS));
        }
        List<Attempt> out = new ArrayList<>();
        for (int j = 0; j < times.size(); j++) {
            Msg observed = basis.get(j + first);
            out.add(new Attempt(j + first + 1, Attempt.Kind.START, times.get(j), observed == null,
                    observed == null ? Msg.of("tl.basis.startBetween", Integer.toString(restarts)) : observed));
        }
        int inferredCount = n + 1 - at.size();
        if (inferredCount > 0) {
            notes.add(recorded < n + 1
                    ? Msg.of("tl.note.startsStopped", Integer.toString(restarts), Integer.toString(n + 1),
                            Integer.toString(n + 1 - inferredCount), Integer.toString(recorded), Integer.toString(inferredCount))
                    : Msg.of("tl.note.starts", Integer.toString(restarts), Integer.toString(n + 1),
                            Integer.toString(n + 1 - inferredCount), Integer.toString(inferredCount)));
        }
        if (first > 0) {
            notes.add(Msg.of("tl.note.startsShown", Integer.toString(MAX_SHOWN), Integer.toString(n + 1)));
        }
        return new Starts(List.copyOf(out), lastFinished);
    }

    /** A point read from a field of the container status, named as the API names it (in every language). */
    private static final String FIELD = "tl.basis.field";

    private static Msg field(String path) {
        return Msg.of(FIELD, path);
    }

    /** Keeps the more exact container-status time where an event already gave one; {@code i} is a start index 0..n. */
    private static void put(java.util.TreeMap<Integer, Instant> at, Map<Integer, Msg> basis, int n, int i, Instant t, Msg why) {
        if (i < 0 || i > n || t == null) {
            return;
        }
        if (!at.containsKey(i) || why.key().equals(FIELD)) {
            at.put(i, t);
            basis.put(i, why);
        }
    }

    /**
     * Places the points strictly between {@code from} and {@code to} (both known) in proportion to the back-off
     * before each: each gap is taken as the back-off plus a few seconds, scaled to span the known interval.
     */
    static void fill(List<Instant> at, int from, int to, java.util.function.IntToLongFunction delay) {
        if (to - from < 2) {
            return;
        }
        long total = 0;
        for (int i = from + 1; i <= to; i++) {
            total += delay.applyAsLong(i) + SETTLE_SECONDS;
        }
        long span = Duration.between(at.get(from), at.get(to)).toMillis();
        long sum = 0;
        for (int i = from + 1; i < to; i++) {
            sum += delay.applyAsLong(i) + SETTLE_SECONDS;
            at.set(i, at.get(from).plusMillis(span * sum / total));
        }
    }

    private static List<Gap> gaps(List<Attempt> attempts, java.util.function.IntToLongFunction delay) {
        List<Gap> out = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            Attempt a = attempts.get(i - 1);
            Attempt b = attempts.get(i);
            out.add(new Gap(b.number(), Math.round(Duration.between(a.at(), b.at()).toMillis() / 1000.0),
                    delay.applyAsLong(b.number() - 1), a.inferred() || b.inferred()));
        }
        return out;
    }

    private static Prediction nextStart(ContainerStatus status, Starts starts, Instant now) {
        int next = starts.attempts().get(starts.attempts().size() - 1).number();
        String message = status.getState().getWaiting().getMessage();
        Long fromMessage = message == null ? null : parseBackoff(message);
        long delay = fromMessage != null ? fromMessage : restartDelay(next);
        Instant base = starts.lastFinished() != null ? starts.lastFinished()
                : starts.attempts().get(starts.attempts().size() - 1).at();
        Instant at = base.plusSeconds(delay);
        Msg source = Msg.of(fromMessage != null ? "tl.basis.kubeletMessage" : "tl.basis.rule", Long.toString(delay));
        Msg basis = Msg.of(starts.lastFinished() != null ? "tl.basis.afterRun" : "tl.basis.afterStart", source);
        return new Prediction(Attempt.Kind.START, next + 1, at, delay, delay >= CAP_SECONDS, !at.isAfter(now), basis);
    }

    /** Seconds of the Go duration in "back-off 5m0s restarting failed container=..."; null if there is none. */
    static Long parseBackoff(String message) {
        Matcher m = BACKOFF_MESSAGE.matcher(message);
        if (!m.find() || m.group(1).isEmpty()) {
            return null;
        }
        Matcher part = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])").matcher(m.group(1));
        double seconds = 0;
        while (part.find()) {
            double v = Double.parseDouble(part.group(1));
            seconds += switch (part.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                default -> v;
            };
        }
        return Math.round(seconds);
    }
}

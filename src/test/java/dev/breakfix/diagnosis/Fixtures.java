package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The v1.20 captures under {@code src/test/resources/fixtures/k8s-1.20}, read from the classpath. */
final class Fixtures {

    private static final String ROOT = "/fixtures/k8s-1.20/";

    /** Steps with a {@code get-pods.txt}. */
    static final List<String> LISTED = List.of(
            "nginx-selector/1-broken", "nginx-selector/2-fixed",
            "sleep-multiple/1-broken", "sleep-multiple/3-fixed",
            "nginx-typo/1-errimagepull", "nginx-typo/2-imagepullbackoff", "nginx-typo/3-backoff-later",
            "nginx-typo/4-after-set-image", "nginx-typo/5-fixed",
            "postgres-misconfig/1-crashloop", "postgres-misconfig/2-crashloop-later", "postgres-misconfig/4-fixed",
            "crasher/1-crashloop", "crasher/2-fixed");

    /** Seven minutes of each scenario left broken: the Pod, its events and describe at the end. */
    static final List<String> TIMELINES = List.of(
            "timelines/postgres-misconfig.final", "timelines/nginx-typo.final", "timelines/crasher.final");

    /** Steps with a {@code describe.txt}. */
    static final List<String> DESCRIBED = Stream.concat(LISTED.stream(), TIMELINES.stream()).toList();

    private Fixtures() {
    }

    /**
     * One captured moment: {@code nginx-typo/1-errimagepull} (files {@code <step>.pod.json}, ...) or
     * {@code timelines/crasher.final} (files {@code <step>-pods.json}, ...).
     */
    record Step(String name, Pod pod, List<Event> events, String describe) {

        /** The Pod's own events, as {@code kubectl describe pod} selects them. */
        List<Event> podEvents() {
            return Events.forPod(events, pod);
        }

        /** A moment just after everything the capture records: the latest event or container change, plus 1s. */
        Instant now() {
            Stream<Instant> events = this.events.stream().flatMap(e -> Stream.of(Events.lastSeen(e), Events.firstSeen(e)));
            Stream<Instant> containers = Pods.containerStatuses(pod).stream().flatMap(Fixtures::times);
            return Stream.concat(Stream.concat(events, containers),
                            Stream.of(Timestamps.parse(pod.getMetadata().getCreationTimestamp())))
                    .filter(Objects::nonNull)
                    .max(Instant::compareTo).orElseThrow()
                    .plusSeconds(1);
        }

        String getPods() {
            return text(name + ".get-pods.txt");
        }
    }

    static Step step(String name) {
        if (name.startsWith("timelines/")) {
            Pod pod = read(name + "-pods.json", PodList.class).getItems().get(0);
            return new Step(name, pod, read(name + "-events.json", EventList.class).getItems(),
                    text(name + "-describe.txt"));
        }
        return new Step(name, read(name + ".pod.json", Pod.class), read(name + ".events.json", EventList.class).getItems(),
                text(name + ".describe.txt"));
    }

    /** The Pod of every watch event in a timeline ({@code crasher}, {@code nginx-typo}, {@code postgres-misconfig}). */
    static List<Pod> watchedPods(String scenario) {
        return text("timelines/" + scenario + ".watch-pods.jsonl").lines()
                .filter(line -> !line.isBlank())
                .map(Fixtures::watchedObject)
                .toList();
    }

    static String text(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of {@code kubectl get -w -o json --output-watch-events}. */
    record WatchLine(String type, Pod object) {
    }

    private static Pod watchedObject(String line) {
        return Serialization.unmarshal(line, WatchLine.class).object();
    }

    private static <T> T read(String path, Class<T> type) {
        try (InputStream in = open(path)) {
            return Serialization.unmarshal(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        return Objects.requireNonNull(Fixtures.class.getResourceAsStream(ROOT + path), () -> "no fixture " + path);
    }

    private static Stream<Instant> times(ContainerStatus status) {
        var state = Pods.state(status);
        var last = Pods.lastTerminated(status);
        return Stream.of(
                state.getRunning() == null ? null : Timestamps.parse(state.getRunning().getStartedAt()),
                state.getTerminated() == null ? null : Timestamps.parse(state.getTerminated().getFinishedAt()),
                last == null ? null : Timestamps.parse(last.getFinishedAt()));
    }
}

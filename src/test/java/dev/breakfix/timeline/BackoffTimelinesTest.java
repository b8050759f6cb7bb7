package dev.breakfix.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.breakfix.diagnosis.Events;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Timelines rebuilt from event sequences and Pods recorded on a real v1.20 cluster (fixtures/k8s-1.20). */
class BackoffTimelinesTest {

    private static final String ROOT = "/fixtures/k8s-1.20/";

    private static <T> T read(String path, Class<T> type) {
        try (InputStream in = BackoffTimelinesTest.class.getResourceAsStream(ROOT + path)) {
            assertNotNull(in, "missing fixture " + path);
            return Serialization.unmarshal(in, type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PodTimeline finalTimeline(String scenario, Instant now) {
        Pod pod = read("timelines/" + scenario + ".final-pods.json", PodList.class).getItems().get(0);
        List<Event> events = read("timelines/" + scenario + ".final-events.json", EventList.class).getItems();
        return BackoffTimelines.of(pod, Events.forPod(events, pod), now);
    }

    private static PodTimeline step(String path, Instant now) {
        Pod pod = read(path + ".pod.json", Pod.class);
        List<Event> events = read(path + ".events.json", EventList.class).getItems();
        return BackoffTimelines.of(pod, Events.forPod(events, pod), now);
    }

    private static List<Attempt> of(ContainerTimeline c, Attempt.Kind kind) {
        return c.attempts().stream().filter(a -> a.kind() == kind).toList();
    }

    @Test
    void backOffGrowsFromTenSecondsAndStopsAtFiveMinutes() {
        assertEquals(List.of(0L, 0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L),
                java.util.stream.IntStream.range(0, 9).mapToObj(BackoffTimelines::restartDelay).toList());
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L),
                java.util.stream.IntStream.range(1, 8).mapToObj(BackoffTimelines::pullDelay).toList());
    }

    @Test
    void crashLoopSevenStartsFromRestartCountWithTheMiddleOnesInferred() {
        // Captured 7 minutes in: restartCount 6, Started x4 (04:19:23 .. 04:20:05), last run 04:25:18.
        Instant now = Instant.parse("2026-11-28T04:26:23Z");
        ContainerTimeline c = finalTimeline("postgres-misconfig", now).containers().get(0);
        List<Attempt> starts = of(c, Attempt.Kind.START);
        assertEquals(7, starts.size(), "restartCount 6 means seven starts");
        assertEquals(Instant.parse("2026-11-28T04:19:23Z"), starts.get(0).at());
        assertEquals(Instant.parse("2026-11-28T04:20:05Z"), starts.get(3).at(), "the Started event's lastTimestamp is the 4th start");
        assertEquals(Instant.parse("2026-11-28T04:25:18Z"), starts.get(6).at(), "the last run's startedAt");
        assertEquals(List.of(false, true, true, false, true, true, false), starts.stream().map(Attempt::inferred).toList());
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i).at().isAfter(starts.get(i - 1).at()), "starts in order");
        }
        // Inferred points land near what the watch showed (0, 15, 42, 96, 188, 355 s): within fifteen seconds.
        assertNear(15, starts.get(2).at(), starts.get(0).at());
        assertNear(96, starts.get(4).at(), starts.get(0).at());
        assertNear(188, starts.get(5).at(), starts.get(0).at());
        assertTrue(of(c, Attempt.Kind.PULL).isEmpty(), "pulls before each start are not part of a crash loop's story");

        List<Gap> gaps = c.gaps();
        assertEquals(List.of(0L, 10L, 20L, 40L, 80L, 160L), gaps.stream().map(Gap::backoffSeconds).toList());
        for (Gap g : gaps) {
            assertTrue(g.seconds() >= g.backoffSeconds(), "a gap is at least its back-off: " + g);
        }
        Prediction next = c.next();
        assertEquals(Attempt.Kind.START, next.kind());
        assertEquals(8, next.number());
        assertEquals(300, next.delaySeconds(), "the kubelet's message says back-off 5m0s");
        assertTrue(next.capped());
        assertEquals(Instant.parse("2026-11-28T04:30:18Z"), next.at(), "five minutes after the last run ended");
        assertFalse(next.due());
        assertFalse(c.notes().isEmpty());
        assertEquals("CrashLoopBackOff", c.state());
    }

    @Test
    void aLoopThatHasRunForDaysShowsItsLastStartsOnlyWithTheirTrueNumbers() {
        // the captured crash loop, as it would read days later: restartCount 1000, the same events and last run
        Instant now = Instant.parse("2026-11-28T04:26:23Z");
        Pod captured = read("timelines/postgres-misconfig.final-pods.json", PodList.class).getItems().get(0);
        Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder(captured).editStatus().editFirstContainerStatus()
                .withRestartCount(1000).endContainerStatus().endStatus().build();
        List<Event> events = read("timelines/postgres-misconfig.final-events.json", EventList.class).getItems();
        ContainerTimeline c = BackoffTimelines.of(pod, Events.forPod(events, pod), now).containers().get(0);

        List<Attempt> starts = of(c, Attempt.Kind.START);
        assertEquals(BackoffTimelines.MAX_SHOWN, starts.size(), "a chart of the last starts, not of a thousand");
        assertEquals(942, starts.get(0).number());
        assertEquals(1001, starts.get(starts.size() - 1).number(), "restartCount 1000 means start 1001 is the last");
        assertEquals(Instant.parse("2026-11-28T04:25:18Z"), starts.get(starts.size() - 1).at(), "the last run's startedAt");
        assertFalse(starts.get(starts.size() - 1).inferred());
        for (int i = 1; i < starts.size(); i++) {
            assertEquals(302, java.time.Duration.between(starts.get(i - 1).at(), starts.get(i).at()).toSeconds(),
                    "at the cap every gap is five minutes plus the run");
        }
        assertTrue(c.gaps().stream().allMatch(g -> g.backoffSeconds() == 300));
        assertEquals(1002, c.next().number());
        assertTrue(c.notes().contains("The chart shows the last 60 of the 1001 starts."), c.notes().toString());
    }

    @Test
    void predictionIsDueOnceItsTimeHasPassed() {
        ContainerTimeline c = finalTimeline("postgres-misconfig", Instant.parse("2026-11-28T04:31:00Z")).containers().get(0);
        assertTrue(c.next().due());
    }

    @Test
    void crasherDeploymentPodSameShape() {
        Instant now = Instant.parse("2026-11-28T04:26:23Z");
        ContainerTimeline c = finalTimeline("crasher", now).containers().get(0);
        List<Attempt> starts = of(c, Attempt.Kind.START);
        assertEquals(7, starts.size());
        assertEquals(Instant.parse("2026-11-28T04:25:02Z"), starts.get(6).at());
        assertEquals(4, starts.stream().filter(Attempt::inferred).count(), "Started x5 gives starts 1 and 5; the last run gives 7");
        assertEquals(Instant.parse("2026-11-28T04:30:02Z"), c.next().at());
    }

    @Test
    void imagePullsAfterTheLastRecordedEventAreInferredWhileThePullStillFails() {
        // Pulling x4 from 04:19:23 to 04:20:42, then Kubernetes stopped recording it; the watch saw six ErrImagePull.
        Instant now = Instant.parse("2026-11-28T04:26:23Z");
        ContainerTimeline c = finalTimeline("nginx-typo", now).containers().get(0);
        List<Attempt> pulls = of(c, Attempt.Kind.PULL);
        assertEquals(6, pulls.size());
        assertEquals(Instant.parse("2026-11-28T04:19:23Z"), pulls.get(0).at());
        assertEquals(Instant.parse("2026-11-28T04:20:42Z"), pulls.get(3).at());
        assertEquals(List.of(false, true, true, false, true, true), pulls.stream().map(Attempt::inferred).toList());
        assertEquals(Instant.parse("2026-11-28T04:22:04Z"), pulls.get(4).at(), "80 s back-off (+2 s) after pull 4");
        assertTrue(of(c, Attempt.Kind.START).isEmpty(), "the container never started");
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L), c.gaps().stream().map(Gap::backoffSeconds).toList());
        Prediction next = c.next();
        assertEquals(Attempt.Kind.PULL, next.kind());
        assertEquals(7, next.number());
        assertEquals(300, next.delaySeconds());
        assertTrue(next.capped());
        assertEquals(pulls.get(5).at().plusSeconds(300), next.at());
    }

    @Test
    void firstErrImagePullPredictsTheRetryTenSecondsLater() {
        Instant now = Instant.parse("2026-11-28T06:00:00Z");
        PodTimeline t = step("nginx-typo/1-errimagepull", now);
        ContainerTimeline c = t.containers().get(0);
        assertFalse(of(c, Attempt.Kind.PULL).isEmpty());
        assertFalse(c.attempts().get(0).inferred());
        assertNotNull(c.next());
        assertEquals(Attempt.Kind.PULL, c.next().kind());
    }

    @Test
    void runningPodAfterTheFixHasNoPrediction() {
        PodTimeline t = step("nginx-typo/5-fixed", Instant.parse("2026-11-28T06:00:00Z"));
        ContainerTimeline c = t.containers().get(0);
        assertNull(c.next());
        assertEquals("Running", c.state());
        assertEquals(1, of(c, Attempt.Kind.START).size());
        assertFalse(of(c, Attempt.Kind.START).get(0).inferred());
    }

    @Test
    void pendingPodHasNoAttempts() {
        PodTimeline t = step("nginx-selector/1-broken", Instant.parse("2026-11-28T06:00:00Z"));
        assertFalse(t.hasAttempts());
        assertNull(t.containers().get(0).next());
    }

    @Test
    void readsTheKubeletsBackoffMessage() {
        assertEquals(300L, BackoffTimelines.parseBackoff("back-off 5m0s restarting failed container=postgres pod=x"));
        assertEquals(80L, BackoffTimelines.parseBackoff("back-off 1m20s restarting failed container=c pod=p"));
        assertEquals(10L, BackoffTimelines.parseBackoff("back-off 10s restarting failed container=c pod=p"));
        assertNull(BackoffTimelines.parseBackoff("Back-off pulling image \"nginz\""));
    }

    private static void assertNear(long expectedSeconds, Instant actual, Instant origin) {
        long s = java.time.Duration.between(origin, actual).toSeconds();
        assertTrue(Math.abs(s - expectedSeconds) <= 15, "expected about " + expectedSeconds + " s, got " + s + " s");
    }
}

package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EventsTest {

    private static final Pattern REPEATS = Pattern.compile("\\(x\\d+ over ");

    /** Type, Reason, From, Message and the {@code (xN over} part of Age, in kubectl's order. */
    @ParameterizedTest
    @FieldSource("dev.breakfix.diagnosis.Fixtures#DESCRIBED")
    void rowsAreWhatKubectlDescribePrinted(String stepName) {
        Fixtures.Step step = Fixtures.step(stepName);
        List<Map<String, String>> printed = KubectlTable.describeEvents(step.describe());

        List<EventRow> rows = Events.describeRows(step.podEvents(), step.now());

        assertThat(rows).extracting(EventRow::type, EventRow::reason, EventRow::from, EventRow::message)
                .containsExactlyElementsOf(printed.stream()
                        .map(p -> tuple(p.get("Type"), p.get("Reason"), p.get("From"), p.get("Message")))
                        .toList());
        assertThat(rows).extracting(row -> repeats(row.age()))
                .containsExactlyElementsOf(printed.stream().map(p -> repeats(p.get("Age"))).toList());
    }

    /**
     * The Age column in full at the moment of the capture. Every age is "now minus a timestamp" in whole
     * seconds, so if one instant explains them all, one of the form "timestamp + n seconds" does.
     */
    @ParameterizedTest
    @FieldSource("dev.breakfix.diagnosis.Fixtures#DESCRIBED")
    void agesAreWhatKubectlDescribePrintedAtTheCapture(String stepName) {
        Fixtures.Step step = Fixtures.step(stepName);
        List<String> printed = KubectlTable.describeEvents(step.describe()).stream().map(p -> p.get("Age")).toList();
        List<Event> events = step.podEvents();

        Stream<Instant> candidates = events.stream()
                .flatMap(e -> Stream.of(Events.firstSeen(e), Events.lastSeen(e)))
                .filter(Objects::nonNull)
                .flatMap(t -> LongStream.rangeClosed(0, 600).mapToObj(t::plusSeconds));

        assertThat(candidates.filter(now -> ages(events, now).equals(printed)).findAny())
                .as("an instant at which every Age reads %s", printed)
                .isPresent();
    }

    @Test
    void forPodKeepsOnlyThisPodsEvents() {
        Fixtures.Step recreated = Fixtures.step("postgres-misconfig/4-fixed");
        Fixtures.Step deployment = Fixtures.step("crasher/1-crashloop");

        assertThat(recreated.events()).hasSize(14);
        assertThat(recreated.podEvents()).as("the deleted Pod of the same name had another uid")
                .hasSize(5)
                .allMatch(e -> e.getInvolvedObject().getUid().equals(recreated.pod().getMetadata().getUid()));
        assertThat(deployment.podEvents()).as("not the ReplicaSet's nor the Deployment's")
                .extracting(Event::getReason)
                .containsExactly("Scheduled", "Pulled", "Created", "Started", "BackOff");
    }

    @Test
    void schedulerEventsAreEventsK8sIoStyle() {
        List<Event> events = Fixtures.step("nginx-selector/1-broken").podEvents();
        Instant now = Instant.parse("2026-11-28T03:29:37.6Z");

        assertThat(events).allMatch(e -> e.getSource().getComponent() == null && e.getFirstTimestamp() == null);
        assertThat(Events.describeRows(events, now)).extracting(EventRow::age, EventRow::from)
                .containsExactly(tuple("15s", "default-scheduler"), tuple("3s (x1 over 15s)", "default-scheduler"));
    }

    @Test
    void repeatedCoreEventShowsCountOverFirstSeen() {
        Event backOff = new EventBuilder()
                .withType("Warning").withReason("BackOff").withMessage(" Back-off restarting failed container \n")
                .withNewSource().withComponent("kubelet").endSource()
                .withFirstTimestamp("2026-11-28T04:19:25Z").withLastTimestamp("2026-11-28T04:24:26Z").withCount(25)
                .build();

        assertThat(EventRow.of(backOff, Instant.parse("2026-11-28T04:26:23Z")))
                .isEqualTo(new EventRow("Warning", "BackOff", "117s (x25 over 6m58s)", "kubelet",
                        "Back-off restarting failed container"));
    }

    @Test
    void seriesEventWithoutSourceFallsBackToReportingComponent() {
        Event event = new EventBuilder()
                .withType("Normal").withReason("Pulled").withMessage("m")
                .withReportingComponent("kubelet")
                .withEventTime(new MicroTime("2026-11-28T04:19:23.000000Z"))
                .withNewSeries().withCount(4).withLastObservedTime(new MicroTime("2026-11-28T04:20:53.500000Z")).endSeries()
                .build();

        assertThat(EventRow.of(event, Instant.parse("2026-11-28T04:26:23Z")))
                .extracting(EventRow::age, EventRow::from)
                .containsExactly("5m29s (x4 over 7m)", "kubelet");
        assertThat(EventRow.of(new EventBuilder().withType("Normal").build(), Instant.now()).age()).isEqualTo("<unknown>");
    }

    @Test
    void kubectlOrdersByLastTimestampAloneSoSchedulerEventsComeFirst() {
        List<Event> events = Fixtures.step("crasher/2-fixed").podEvents();

        assertThat(Events.sorted(events)).extracting(Event::getReason)
                .containsExactly("Scheduled", "Pulled", "Created", "Started");
        assertThat(Events.chronological(events)).as("Scheduled at 28.56s, Pulled at 28s")
                .extracting(Event::getReason)
                .containsExactly("Pulled", "Created", "Scheduled", "Started");
    }

    @Test
    void latestIsTheLastSeen() {
        List<Event> events = Fixtures.step("postgres-misconfig/1-crashloop").podEvents();

        assertThat(Events.sorted(events)).extracting(Event::getReason)
                .containsExactly("Scheduled", "Pulling", "Pulled", "Created", "Pulled", "Started", "BackOff");
        assertThat(Events.latest(events, e -> e.getReason().equals("Pulled"))).get()
                .extracting(Event::getMessage).asString().contains("67.196474ms");
        assertThat(Events.latest(Fixtures.step("nginx-selector/1-broken").podEvents(), e -> true)).get()
                .extracting(e -> e.getSeries().getCount()).isEqualTo(1);
    }

    private static List<String> ages(List<Event> events, Instant now) {
        return Events.describeRows(events, now).stream().map(EventRow::age).toList();
    }

    private static String repeats(String age) {
        Matcher m = REPEATS.matcher(age);
        return m.find() ? m.group() : "";
    }
}

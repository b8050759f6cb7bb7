package dev.breakfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** The log of an exited run is read once: grading the same crash again sends no request, whatever the log was. */
class LogTailTest {

    private final KubernetesMockServer server = new KubernetesMockServer(false);
    private LogTail tail;
    private Fixtures.Step step;

    @BeforeEach
    void start() {
        server.init();
        tail = new LogTail(server.createClient());
        step = Fixtures.step("postgres-misconfig/1-crashloop");
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void aRunsLogIsReadOnceAndItsLastLinesBecomeEvidence() {
        Pod pod = step.pod();
        server.expect().get().withPath(logPath(pod, true)).andReturn(200, Fixtures.text("postgres-misconfig/1-logs-previous.txt"))
                .always();

        PodDiagnosis first = tail.add(pod.getMetadata().getNamespace(), diagnose(pod));
        PodDiagnosis again = tail.add(pod.getMetadata().getNamespace(), diagnose(pod));

        assertThat(String.join("\n", first.explanation().evidence())).contains("You must specify POSTGRES_PASSWORD");
        assertThat(again.explanation().evidence()).isEqualTo(first.explanation().evidence());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRunWithoutALogIsNotAskedForAgainButTheNextRunIs() {
        Pod pod = step.pod();
        String ns = pod.getMetadata().getNamespace();
        server.expect().get().withPath(logPath(pod, true)).andReturn(404, "").always();

        tail.add(ns, diagnose(pod));
        tail.add(ns, diagnose(pod));
        assertThat(server.getRequestCount()).as("one request for the run, however often it is graded").isEqualTo(1);

        Pod restarted = new PodBuilder(pod).editStatus().editFirstContainerStatus()
                .withRestartCount(pod.getStatus().getContainerStatuses().get(0).getRestartCount() + 1)
                .endContainerStatus().endStatus().build();
        tail.add(ns, diagnose(restarted));
        assertThat(server.getRequestCount()).as("the next run has a log of its own").isEqualTo(2);
    }

    @Test
    void anOpenPageHasTheLogReadInTheBackgroundAndTheCheckFindsIt() throws Exception {
        Pod pod = step.pod();
        String ns = pod.getMetadata().getNamespace();
        server.expect().get().withPath(logPath(pod, true)).andReturn(200, Fixtures.text("postgres-misconfig/1-logs-previous.txt"))
                .always();

        PodDiagnosis page = tail.addIfRead(ns, diagnose(pod));
        assertThat(String.join("\n", page.explanation().evidence())).as("not waited for").doesNotContain("POSTGRES_PASSWORD");
        server.takeRequest(10, java.util.concurrent.TimeUnit.SECONDS); // the background read reached the API server

        PodDiagnosis check = tail.add(ns, diagnose(pod));
        assertThat(String.join("\n", check.explanation().evidence())).contains("You must specify POSTGRES_PASSWORD");
        assertThat(String.join("\n", tail.addIfRead(ns, diagnose(pod)).explanation().evidence()))
                .contains("You must specify POSTGRES_PASSWORD");
        assertThat(server.getRequestCount()).as("one read for the page, the check and the next render").isEqualTo(1);
    }

    private PodDiagnosis diagnose(Pod pod) {
        return Diagnoser.diagnose(pod, step.podEvents(), step.now());
    }

    private static String logPath(Pod pod, boolean previous) {
        return "/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName()
                + "/log?container=" + pod.getSpec().getContainers().get(0).getName()
                + (previous ? "&previous=true" : "") + "&tailLines=" + LogTail.READ;
    }
}

package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.breakfix.catalog.Scenario;
import dev.breakfix.preflight.Preflight;
import dev.breakfix.preflight.PreflightReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The preflight on the real cluster: the checklist, a pre-pull of every image on every node, and the
 * checklist again. Every scenario's self-test must pass here and Breakfix's rights must be enough (the
 * admin's); what the images and node-label checks said is logged, since other runs share the cluster.
 * After the pre-pull, every image the labs need is on every node.
 */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class PreflightE2E extends RealClusterTestBase {

    private static final Duration RUN = Duration.ofMinutes(12);

    @Inject
    Preflight preflight;

    @Test
    void theChecklistPassesOnThisClusterOnceTheImagesArePulled() {
        dumpingOnFailure(() -> {
            JsonNode first = run("/api/class/preflight");
            for (Scenario s : catalog.all()) {
                assertThat(check(first, "self-test-" + s.id()).get("status").asText())
                        .as("self-test of %s: %s", s.id(), check(first, "self-test-" + s.id()).get("detail").asText())
                        .isEqualTo("pass");
            }
            assertThat(check(first, "rbac").get("status").asText()).isEqualTo("pass");
            assertThat(check(first, "node-sizes").get("status").asText()).isEqualTo("pass");
            for (String id : List.of("images", "node-labels")) {
                JsonNode c = check(first, id);
                assertThat(c.get("detail").asText()).isNotBlank();
                if (c.get("status").asText().equals("fail")) {
                    assertThat(c.get("fix").asText()).as("a failed %s says what to do", id).isNotBlank();
                }
            }

            JsonNode prepull = run("/api/class/preflight/prepull");
            for (JsonNode c : prepull.get("checks")) {
                assertThat(c.get("status").asText()).as("%s: %s", c.get("title").asText(), c.get("detail").asText())
                        .isEqualTo("pass");
            }
            assertThat(admin.pods().inNamespace("breakfix-system").withLabel("breakfix.dev/prepull").list().getItems())
                    .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null);

            JsonNode again = run("/api/class/preflight");
            assertThat(check(again, "images").get("status").asText())
                    .as(check(again, "images").get("detail").asText()).isEqualTo("pass");
            assertThat(admin.namespaces().list().getItems()).noneMatch(ns -> ns.getMetadata().getName()
                    .startsWith("bf-preflight-") && ns.getMetadata().getDeletionTimestamp() == null);
        });
    }

    /** Starts a run, waits (bounded) for its end, logs every check, and returns the report the API gives. */
    private JsonNode run(String path) throws Exception {
        asInstructor().post(path).then().statusCode(202);
        PreflightReport done = preflight.awaitLatest(RUN).orElseThrow(() -> new AssertionError(path + " still running after " + RUN));
        String body = asInstructor().get("/api/class/preflight").then().statusCode(200).extract().asString();
        JsonNode report = json.readTree(body);
        assertThat(report.get("id").asText()).isEqualTo(done.id());
        assertThat(report.get("state").asText()).isEqualTo("done");
        LOG.infof("%s %s: passed=%s", path, report.get("id").asText(), report.get("passed").asText());
        for (JsonNode c : report.get("checks")) {
            LOG.infof("  [%s] %s — %s%s", c.get("status").asText(), c.get("title").asText(), c.get("detail").asText(),
                    c.get("fix").isNull() ? "" : " | fix: " + c.get("fix").asText());
        }
        return report;
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id);
    }
}

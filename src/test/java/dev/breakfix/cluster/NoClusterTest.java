package dev.breakfix.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.breakfix.support.MockClusterProfile;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With no cluster the server still starts, its readiness says what is wrong and what to do, the API
 * answers 503 instead of failing, and once the cluster is there it connects on its own.
 */
@QuarkusTest
@TestProfile(NoClusterTest.ClusterLater.class)
class NoClusterTest {

    /** Points the client at a port where nothing listens yet. */
    public static class ClusterLater implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:" + freePort());
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    ClusterState cluster;

    @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
    String apiServer;

    @Test
    void startsWithoutAClusterSaysSoAndRecoversWhenItComes() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks[0].data.problem", containsString("No Kubernetes cluster reachable at " + apiServer))
                .body("checks[0].data.help", containsString("KUBECONFIG"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().put("/api/labs/alice/nginx-typo")
                .then().statusCode(503).body("detail", containsString("No Kubernetes cluster reachable"));

        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        try {
            server.init(InetAddress.getLoopbackAddress(), java.net.URI.create(apiServer).getPort());
            cluster.whenReady().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();

            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            server.destroy();
        }
    }
}

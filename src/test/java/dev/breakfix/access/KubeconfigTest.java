package dev.breakfix.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/**
 * The kubeconfig download: the session's learner only, a TokenRequest for the learner's home ServiceAccount, the
 * API server and CA, the lab's namespace; refused without a learner session.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(AccessTestProfile.class)
class KubeconfigTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    LearnerSessions sessions;

    private String session(String learner) {
        return sessions.sign(learner, Instant.now().plusSeconds(600));
    }

    /** The mock server has no TokenRequest: answer it as the API server does. */
    private void expectTokenRequest(String namespace, String token) {
        server.expect().post().withPath("/api/v1/namespaces/" + namespace + "/serviceaccounts/learner/token")
                .andReturn(201, new TokenRequestBuilder()
                        .withNewMetadata().withName("learner").withNamespace(namespace).endMetadata()
                        .withNewSpec().withExpirationSeconds(7200L).endSpec()
                        .withNewStatus().withToken(token).withExpirationTimestamp("2030-01-01T02:00:00Z").endStatus()
                        .build())
                .always();
    }

    @Test
    void theKubeconfigActsAsTheSessionsLearnerInTheLabsNamespace() throws InterruptedException {
        expectTokenRequest("bfh-kathy", "token-of-kathy");
        Response r = given().cookie(LearnerSessions.COOKIE, session("kathy"))
                .when().get("/learn/labs/crasher/kubeconfig");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/yaml");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=breakfix-crasher.kubeconfig");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");

        RecordedRequest tokenRequest = server.getLastRequest();
        assertThat(tokenRequest.getPath()).isEqualTo("/api/v1/namespaces/bfh-kathy/serviceaccounts/learner/token");
        assertThat(tokenRequest.getBody().readUtf8()).contains("\"expirationSeconds\":7200");

        String yaml = r.asString();
        assertThat(yaml).contains("# Breakfix kubeconfig for learner kathy, lab crasher").contains("2030-01-01T02:00:00Z");
        Config config = Config.fromKubeconfig(yaml);
        assertThat(config.getMasterUrl()).isEqualTo(client.getConfiguration().getMasterUrl());
        assertThat(config.getNamespace()).isEqualTo("bf-kathy-crasher");
        assertThat(config.getAutoOAuthToken()).isEqualTo("token-of-kathy");
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII))
                .isEqualTo(AccessTestProfile.CA_PEM);
        assertThat(config.isTrustCerts()).isFalse();

        // the learner's home: namespace and ServiceAccount, labelled as Breakfix's and the learner's
        Namespace home = client.namespaces().withName("bfh-kathy").get();
        assertThat(home.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "breakfix")
                .containsEntry("breakfix.dev/learner", "kathy").containsEntry("breakfix.dev/home", "true");
        assertThat(client.serviceAccounts().inNamespace("bfh-kathy").withName("learner").get()).isNotNull();

        // a second download works the same (the home already exists)
        given().cookie(LearnerSessions.COOKIE, session("kathy")).when().get("/learn/labs/nginx-typo/kubeconfig")
                .then().statusCode(200);
    }

    @Test
    void aLearnerIdThatIsNotAName() {
        dev.breakfix.lab.LearnerId learner = dev.breakfix.lab.LearnerId.of("Zoë Ödegaard");
        expectTokenRequest("bfh-" + learner.name(), "token-of-zoe");
        String yaml = given().cookie(LearnerSessions.COOKIE, session("Zoë Ödegaard"))
                .when().get("/learn/labs/nginx-typo/kubeconfig").then().statusCode(200).extract().asString();
        assertThat(Config.fromKubeconfig(yaml).getNamespace()).isEqualTo("bf-" + learner.name() + "-nginx-typo");
    }

    @Test
    void withoutALearnerSessionThereIsNoKubeconfig() {
        given().redirects().follow(false).when().get("/learn/labs/crasher/kubeconfig").then().statusCode(401);
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, "v1.bWFsbG9yeQ.9999999999.forged")
                .when().get("/learn/labs/crasher/kubeconfig").then().statusCode(401);
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, sessions.sign("kathy", Instant.now().minusSeconds(1)))
                .when().get("/learn/labs/crasher/kubeconfig").then().statusCode(401);
        // instructors and graders are not learners: they have no kubeconfig of their own here
        given().redirects().follow(false).header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/learn/labs/crasher/kubeconfig").then().statusCode(403);
        assertThat(client.namespaces().withName("bfh-instructor").get()).isNull();
    }

    @Test
    void noLearnerCanBeNamedInTheUrl() {
        expectTokenRequest("bfh-lena", "token-of-lena");
        String yaml = given().cookie(LearnerSessions.COOKIE, session("lena"))
                .queryParam("learner", "kathy").when().get("/learn/labs/crasher/kubeconfig")
                .then().statusCode(200).extract().asString();
        assertThat(Config.fromKubeconfig(yaml).getNamespace()).isEqualTo("bf-lena-crasher");
        assertThat(Config.fromKubeconfig(yaml).getAutoOAuthToken()).isEqualTo("token-of-lena");
        given().cookie(LearnerSessions.COOKIE, session("lena")).when().get("/learn/labs/kathy/crasher/kubeconfig")
                .then().statusCode(404);
        given().cookie(LearnerSessions.COOKIE, session("lena")).when().get("/learn/labs/no-such-lab/kubeconfig")
                .then().statusCode(404);
    }

    @Test
    void theTerminalPageNeedsALearnerAndLoadsXterm() {
        given().redirects().follow(false).when().get("/learn/labs/crasher/terminal")
                .then().statusCode(302).header("Location", org.hamcrest.Matchers.endsWith("/"));
        given().redirects().follow(false).header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/learn/labs/crasher/terminal").then().statusCode(403);
        String html = given().cookie(LearnerSessions.COOKIE, session("Tom O. Tester"))
                .when().get("/learn/labs/crasher/terminal").then().statusCode(200).extract().asString();
        assertThat(html).contains("data-socket=\"/learn/terminal/crasher\"")
                .contains("/webjars/xterm/lib/xterm.js").contains("/webjars/xterm-addon-fit/lib/xterm-addon-fit.js")
                .contains("href=\"/learn/labs/crasher/kubeconfig\"")
                .contains("Tom O. Tester");
        for (String asset : new String[] { "/webjars/xterm/lib/xterm.js", "/webjars/xterm/css/xterm.css",
                "/webjars/xterm-addon-fit/lib/xterm-addon-fit.js", "/terminal/terminal.js", "/terminal/terminal.css" }) {
            given().when().get(asset).then().statusCode(200);
        }
        given().cookie(LearnerSessions.COOKIE, session("tom")).when().get("/learn/labs/no-such-lab/terminal")
                .then().statusCode(404);
    }

    @Test
    void theLabPageLinksTheTerminalAndTheKubeconfig() {
        String html = given().cookie(LearnerSessions.COOKIE, session("tom")).when().get("/labs/crasher")
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"open-terminal\" href=\"/learn/labs/crasher/terminal\"")
                .contains("id=\"download-kubeconfig\" href=\"/learn/labs/crasher/kubeconfig\" download");
    }
}

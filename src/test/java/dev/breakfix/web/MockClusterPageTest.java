package dev.breakfix.web;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.testing.FakeCluster;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;

/**
 * What the page tests of this package run on: the mock API server (CRUD) with the fixture playing scheduler and
 * kubelet ({@link WebFixture#startCluster}), started before a class's first test and stopped after its last, and
 * the app's cluster cache. Subclasses carry {@code @QuarkusTest @WithKubernetesTestServer(crud = true)
 * @TestProfile(WebTestProfile.class)}.
 */
abstract class MockClusterPageTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    ClusterState cluster;

    static FakeCluster fake;

    @BeforeEach
    void startFakeCluster() {
        if (fake == null) {
            fake = WebFixture.startCluster(server.getClient());
        }
    }

    @AfterAll
    static void stopFakeCluster() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }
}

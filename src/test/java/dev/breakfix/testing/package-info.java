/**
 * Test fixtures that make the fabric8 mock API server (CRUD mode) behave like the chapter's
 * Kubernetes v1.20 cluster.
 * <p>
 * {@link dev.breakfix.testing.FakeCluster} plays kube-scheduler ({@code FakeScheduler}), the
 * kubelet with containerd ({@code FakeKubelet}, {@code FakeRegistry}, {@code ContainerProgram}), the
 * deployment and replicaset controllers and their garbage collection; {@link dev.breakfix.testing.MutableClock}
 * gives tests the time. What each writes is modelled on {@code shared/fixtures/k8s-1.20}.
 * <p>
 * Not modelled: init containers, liveness/startup probes, volumes, Services, Jobs, namespace
 * deletion (the mock leaves a deleted namespace's objects behind), API defaulting and validation
 * (the mock stores specs as sent and accepts changes a real server forbids; the fixture reacts to
 * image changes only), and time passing by itself (a back-off is entered, never waited out).
 */
package dev.breakfix.testing;

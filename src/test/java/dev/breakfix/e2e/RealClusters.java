package dev.breakfix.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real cluster the environment gives, in this order: the kubeconfig named by
 * {@value #KUBECONFIG_ENV}; else a K3s started with Testcontainers where a Docker engine runs; else none.
 */
public final class RealClusters {

    public static final String KUBECONFIG_ENV = "BREAKFIX_E2E_KUBECONFIG";
    /** The K3s image; {@code -Dbreakfix.e2e.k3s-image=...} picks another. */
    public static final String K3S_IMAGE = System.getProperty("breakfix.e2e.k3s-image", "rancher/k3s:v1.28.13-k3s1");
    public static final String NO_CLUSTER = "no real cluster: set " + KUBECONFIG_ENV
            + " to a kubeconfig, or run a Docker engine for Testcontainers K3s";

    private static final Logger LOG = Logger.getLogger(RealClusters.class);

    /** Where the cluster comes from. */
    public enum Kind {
        KUBECONFIG, K3S
    }

    public record Source(Kind kind, String description) {
    }

    private static volatile Optional<Source> detected;
    private static K3sContainer k3s;
    private static Path k3sKubeconfig;

    private RealClusters() {
    }

    /** Decided once per JVM; cheap after the first call. */
    public static Optional<Source> detect() {
        Optional<Source> d = detected;
        if (d == null) {
            synchronized (RealClusters.class) {
                d = detected;
                if (d == null) {
                    d = probe();
                    detected = d;
                }
            }
        }
        return d;
    }

    private static Optional<Source> probe() {
        String kubeconfig = System.getenv(KUBECONFIG_ENV);
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            // A set variable means "run here": a wrong path fails the suite loudly (in RealClusterResource)
            // instead of skipping it.
            return Optional.of(new Source(Kind.KUBECONFIG, KUBECONFIG_ENV + "=" + kubeconfig.strip()));
        }
        if (dockerAvailable()) {
            return Optional.of(new Source(Kind.K3S, "Testcontainers K3s (" + K3S_IMAGE + ")"));
        }
        return Optional.empty();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            LOG.debugf(t, "Docker is not available");
            return false;
        }
    }

    /** The kubeconfig file of the cluster; starts K3s on first use when that is the source. */
    public static synchronized Path kubeconfig() {
        Source source = detect().orElseThrow(() -> new IllegalStateException(NO_CLUSTER));
        if (source.kind() == Kind.KUBECONFIG) {
            Path file = Path.of(System.getenv(KUBECONFIG_ENV).strip()).toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(KUBECONFIG_ENV + " names " + file + ", which is not a readable file");
            }
            return file;
        }
        if (k3s == null) {
            LOG.infof("Starting %s with Testcontainers", K3S_IMAGE);
            K3sContainer container = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
            container.start();
            try {
                Path file = Files.createTempFile("breakfix-e2e-k3s-", ".kubeconfig",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, container.getKubeConfigYaml());
                file.toFile().deleteOnExit();
                k3sKubeconfig = file;
            } catch (IOException e) {
                container.stop();
                throw new UncheckedIOException(e);
            }
            k3s = container;
        }
        return k3sKubeconfig;
    }

    /** Stops the K3s this JVM started, if any. */
    public static synchronized void stop() {
        if (k3s != null) {
            k3s.stop();
            k3s = null;
            try {
                Files.deleteIfExists(k3sKubeconfig);
            } catch (IOException e) {
                LOG.debugf(e, "cannot delete %s", k3sKubeconfig);
            }
            k3sKubeconfig = null;
        }
    }
}

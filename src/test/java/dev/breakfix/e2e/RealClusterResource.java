package dev.breakfix.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application's fabric8 client at the real cluster: the system property {@code kubeconfig}
 * (which fabric8's {@link Config#autoConfigure} reads before {@code KUBECONFIG}) names the cluster's
 * kubeconfig. ({@code quarkus.kubernetes-client.api-server-url} cannot be returned from here: it is fixed
 * at build time. {@link RealClusterTestBase} checks that the app's client talks to this cluster.)
 */
public class RealClusterResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(RealClusterResource.class);
    static final String KUBECONFIG_PROPERTY = "kubeconfig";

    private String previous;

    @Override
    public Map<String, String> start() {
        Path kubeconfig = RealClusters.kubeconfig();
        String server;
        try {
            server = Config.fromKubeconfig(Files.readString(kubeconfig)).getMasterUrl();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        previous = System.getProperty(KUBECONFIG_PROPERTY);
        System.setProperty(KUBECONFIG_PROPERTY, kubeconfig.toString());
        LOG.infof("End-to-end tests use the cluster at %s (kubeconfig %s)", server, kubeconfig);
        return Map.of();
    }

    @Override
    public void stop() {
        if (previous == null) {
            System.clearProperty(KUBECONFIG_PROPERTY);
        } else {
            System.setProperty(KUBECONFIG_PROPERTY, previous);
        }
        RealClusters.stop();
    }
}

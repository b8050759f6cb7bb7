package dev.breakfix.access;

/**
 * Where a learner's kubectl reaches the API server: its address, the CA to trust (base64 of the PEM, as in a
 * kubeconfig; null for the system's trust store) and whether to skip TLS verification (only when configured).
 */
public record ClusterEndpoint(String server, String certificateAuthorityData, boolean insecureSkipTlsVerify) {

    public ClusterEndpoint {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("the API server address is required");
        }
        server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        if (insecureSkipTlsVerify) {
            certificateAuthorityData = null;
        }
    }
}

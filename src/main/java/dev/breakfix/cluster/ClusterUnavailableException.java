package dev.breakfix.cluster;

/** The cache has not (yet, or no longer) listed the cluster; actions wait for it. Reported as 503. */
public class ClusterUnavailableException extends RuntimeException {
    public ClusterUnavailableException(String problem) {
        super(problem + ". Try again once the cluster is reachable.");
    }
}

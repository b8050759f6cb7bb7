package dev.breakfix.access;

/** The learner's kubeconfig or terminal cannot be given right now (the cluster refused or is busy). */
public class AccessUnavailableException extends RuntimeException {

    public AccessUnavailableException(String message) {
        super(message);
    }

    public AccessUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

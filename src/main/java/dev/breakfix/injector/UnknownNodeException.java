package dev.breakfix.injector;

/** No node of that name; reported as 404. */
public class UnknownNodeException extends RuntimeException {
    public UnknownNodeException(String node) {
        super("no node named '" + node + "'");
    }
}

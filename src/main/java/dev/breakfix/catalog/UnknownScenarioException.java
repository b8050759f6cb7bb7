package dev.breakfix.catalog;

/** No scenario with that id; reported as 404. */
public class UnknownScenarioException extends RuntimeException {
    public UnknownScenarioException(String id) {
        super("unknown scenario '" + id + "'");
    }
}

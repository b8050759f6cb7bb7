package dev.breakfix.actions;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a learner action did: whether it worked, a kubectl-like message, an explanation in plain words
 * (may be null), and the objects it touched.
 */
public record ActionResult(boolean ok, String message, String explanation, List<ObjectChange> objects) {

    public ActionResult {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    public static ActionResult done(String message, String explanation, List<ObjectChange> objects) {
        return new ActionResult(true, message, explanation, objects);
    }

    /** One object an action touched. */
    public record ObjectChange(String kind, String name, Change action) {

        /** As kubectl prints it: {@code pod/sleep created}. */
        public String line() {
            return kind.toLowerCase(Locale.ROOT) + "/" + name + " " + action;
        }
    }

    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED,
        DELETED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

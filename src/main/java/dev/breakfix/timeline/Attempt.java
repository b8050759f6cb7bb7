package dev.breakfix.timeline;

import java.time.Instant;

/**
 * One try of the kubelet: pulling the image or starting the container. {@code observed} points come straight
 * from a time stamp the cluster kept; {@code inferred} ones were placed by the back-off rule between (or after)
 * observed points, because the Events API folds repeats into one event with a count. {@code basis} names the
 * field or the reasoning a point comes from.
 */
public record Attempt(int number, Kind kind, Instant at, boolean inferred, String basis) {

    public enum Kind {
        PULL, START;

        public String label() {
            return this == PULL ? "image pull" : "container start";
        }
    }
}

package dev.breakfix.timeline;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.breakfix.diagnosis.Msg;

/**
 * One try of the kubelet: pulling the image or starting the container. {@code observed} points come straight
 * from a time stamp the cluster kept; {@code inferred} ones were placed by the back-off rule between (or after)
 * observed points, because the Events API folds repeats into one event with a count. {@code basis} names the
 * field or the reasoning a point comes from (English, as the JSON API gives it); {@code why} is the same before it
 * is put into words, for pages in another language (not in JSON).
 */
public record Attempt(int number, Kind kind, Instant at, boolean inferred, String basis, @JsonIgnore Msg why) {

    public Attempt(int number, Kind kind, Instant at, boolean inferred, Msg why) {
        this(number, kind, at, inferred, why.english(), why);
    }

    /** The same attempt with its basis in {@code locale}. */
    public Attempt in(Locale locale) {
        return why == null ? this : new Attempt(number, kind, at, inferred, why.render(locale), why);
    }

    public enum Kind {
        PULL, START;

        public String label() {
            return this == PULL ? "image pull" : "container start";
        }
    }
}

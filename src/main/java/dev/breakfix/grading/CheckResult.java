package dev.breakfix.grading;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.breakfix.diagnosis.Msg;

/**
 * One check of a grade: passed or not, with a message that says why. {@code name} and the points are for
 * machines and never change with the language; {@code title} and {@code message} are in the report's language
 * ({@link #in(Locale)}), {@code text} is the message before it is put into words (not in JSON).
 */
public record CheckResult(String name, String title, boolean passed, int points, int maxPoints, String message,
        @JsonIgnore Msg text) {

    /** A result whose message is only at hand in words (read back from JSON, say). */
    public CheckResult(String name, String title, boolean passed, int points, int maxPoints, String message) {
        this(name, title, passed, points, maxPoints, message, null);
    }

    static CheckResult pass(Check check, Msg text) {
        return new CheckResult(check.id(), check.title(), true, check.points(), check.points(), text.english(), text);
    }

    static CheckResult fail(Check check, Msg text) {
        return new CheckResult(check.id(), check.title(), false, 0, check.points(), text.english(), text);
    }

    /** The same result with its title and message in {@code locale} (English where there is no such language). */
    public CheckResult in(Locale locale) {
        if (text == null) {
            return this;
        }
        return new CheckResult(name, Msg.of("grade.title." + name).render(locale), passed, points, maxPoints,
                text.render(locale), text);
    }

    /** The checks every scenario's workload is graded by, in order. */
    public enum Check {
        PRESENT("present", "The workload exists", 1),
        IDENTITY("identity", "It is the same workload: name, containers and program", 1),
        RUNNING("running", "Every container is running and ready", 2),
        STABLE("stable", "It stays up without a restart for the stability window", 1);

        private final String id;
        private final String title;
        private final int points;

        Check(String id, String title, int points) {
            this.id = id;
            this.title = title;
            this.points = points;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        public int points() {
            return points;
        }
    }
}

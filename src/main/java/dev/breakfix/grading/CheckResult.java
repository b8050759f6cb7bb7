package dev.breakfix.grading;

/** One check of a grade: passed or not, with a message that says why. */
public record CheckResult(String name, String title, boolean passed, int points, int maxPoints, String message) {

    static CheckResult pass(Check check, String message) {
        return new CheckResult(check.id(), check.title(), true, check.points(), check.points(), message);
    }

    static CheckResult fail(Check check, String message) {
        return new CheckResult(check.id(), check.title(), false, 0, check.points(), message);
    }

    /** The checks every scenario's workload is graded by, in order. */
    public enum Check {
        PRESENT("present", "The workload exists", 1),
        IDENTITY("identity", "It is the same workload: name, containers and intended images", 1),
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

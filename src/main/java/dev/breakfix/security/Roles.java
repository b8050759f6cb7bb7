package dev.breakfix.security;

/** The roles Breakfix knows. */
public final class Roles {
    /** Starts, resets and deletes labs of the whole class; everything a grader may do. */
    public static final String INSTRUCTOR = "instructor";
    /** Reads labs and grades them (autograders). */
    public static final String GRADER = "grader";
    /** A student; may act on their own labs only. */
    public static final String LEARNER = "learner";

    private Roles() {
    }
}

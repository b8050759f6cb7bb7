package dev.breakfix.lab;

/** A learner id that cannot be turned into a safe name; reported as 400. */
public class InvalidLearnerIdException extends IllegalArgumentException {
    public InvalidLearnerIdException(String message) {
        super(message);
    }
}

package dev.breakfix.api;

/** The caller's input is wrong; reported as 400 with its message. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}

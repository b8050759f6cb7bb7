package dev.breakfix.classroom;

/** The body of {@code POST /api/class/end}: the instructor types the confirmation. */
public record EndRequest(String confirm) {
}

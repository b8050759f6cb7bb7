package dev.breakfix.actions;

/**
 * The body of {@code POST /learn/api/labs/{scenario}/set-image}: {@code kubectl set image <kind> <name>
 * <container>=<image>}, with {@code kind} {@code pod} or {@code deployment}.
 */
public record SetImageRequest(String kind, String name, String container, String image) {
}

package dev.breakfix.timeline;

/**
 * The time between two attempts and the back-off the kubelet applied before the second one. The gap is the
 * back-off plus the time the container ran and the kubelet's sync delay, so it is a few seconds longer.
 * {@code inferred} when either end is inferred.
 */
public record Gap(int before, long seconds, long backoffSeconds, boolean inferred) {
}

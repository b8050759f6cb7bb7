package dev.breakfix.catalog;

import java.util.Optional;
import java.util.Set;

/**
 * The broken state injection must produce: the workload's Pod is diagnosed as one of {@code states}
 * (diagnosis state names such as {@code Unschedulable}, {@code ImagePullBackOff}), and, when given,
 * its evidence mentions {@code evidence}.
 */
public record Expectation(Set<String> states, Optional<String> evidence) {
}

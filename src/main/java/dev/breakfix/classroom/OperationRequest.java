package dev.breakfix.classroom;

import java.util.List;

/**
 * The body of {@code POST /api/class/operations}: an action over a selection. No learners means every learner
 * of the class; no scenarios means every scenario of the catalog.
 */
public record OperationRequest(String action, List<String> learners, List<String> scenarios) {
}

package dev.breakfix.instructor;

import java.util.Map;

/**
 * A learner's row of the class matrix: the id as they typed it ({@code learner}), the name the cluster knows
 * them by ({@code name}), and a cell per scenario.
 */
public record MatrixRow(String learner, String name, Map<String, MatrixCell> cells) {
}

package dev.breakfix.instructor;

import java.util.List;

/** The whole class: the scenarios in the chapter's order, and every learner with a cell per scenario. */
public record Matrix(List<Column> scenarios, List<MatrixRow> learners) {

    /** A scenario's column. */
    public record Column(String id, String title) {
    }
}

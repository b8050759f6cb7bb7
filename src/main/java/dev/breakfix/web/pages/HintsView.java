package dev.breakfix.web.pages;

import java.util.List;

/** The hints a learner has revealed so far, one at a time, out of {@code total}. */
public record HintsView(String scenario, boolean started, List<String> revealed, int total) {

    public boolean more() {
        return started && revealed.size() < total;
    }

    public int next() {
        return revealed.size() + 1;
    }
}

package dev.breakfix.timeline;

import java.util.List;

/**
 * One container's life: its attempts oldest first, the gaps between them, the next attempt predicted (null
 * when the container runs or nothing is pending), its state now, and notes on what was inferred.
 */
public record ContainerTimeline(String container, String state, int restartCount, List<Attempt> attempts, List<Gap> gaps,
        Prediction next, List<String> notes) {

    public long inferredCount() {
        return attempts.stream().filter(Attempt::inferred).count();
    }
}

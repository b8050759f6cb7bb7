package dev.breakfix.timeline;

import java.time.Instant;
import java.util.List;

/** A Pod's life from its creation to {@code now}: each container's attempts and the next one predicted. */
public record PodTimeline(String pod, Instant since, Instant now, List<ContainerTimeline> containers) {

    /** True when some container has at least one attempt to draw. */
    public boolean hasAttempts() {
        return containers.stream().anyMatch(c -> !c.attempts().isEmpty());
    }
}

package dev.breakfix.timeline;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.breakfix.diagnosis.Msg;

/**
 * One container's life: its attempts oldest first, the gaps between them, the next attempt predicted (null
 * when the container runs or nothing is pending), its state now, and notes on what was inferred (English;
 * {@code noteTexts} are the same before they are put into words, not in JSON).
 */
public record ContainerTimeline(String container, String state, int restartCount, List<Attempt> attempts, List<Gap> gaps,
        Prediction next, List<String> notes, @JsonIgnore List<Msg> noteTexts) {

    public ContainerTimeline(String container, String state, int restartCount, List<Attempt> attempts, List<Gap> gaps,
            Prediction next, List<Msg> noteTexts) {
        this(container, state, restartCount, attempts, gaps, next, noteTexts.stream().map(Msg::english).toList(), noteTexts);
    }

    /** The same timeline with its notes and every basis in {@code locale}. */
    public ContainerTimeline in(Locale locale) {
        return new ContainerTimeline(container, state, restartCount, attempts.stream().map(a -> a.in(locale)).toList(), gaps,
                next == null ? null : next.in(locale),
                noteTexts == null ? notes : noteTexts.stream().map(m -> m.render(locale)).toList(), noteTexts);
    }

    public long inferredCount() {
        return attempts.stream().filter(Attempt::inferred).count();
    }
}

package dev.breakfix.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An explanation before it is put into words: what is wrong, the evidence, the commands that show it and
 * where to look, and the next step twice: {@code next} that does not give the answer away, and
 * {@code nextAfterHints} for a learner who has opened the hints.
 */
public record Explained(PodState state, Msg what, List<Msg> evidence, List<String> commands, Msg look, Msg next,
                        Msg nextAfterHints) {

    public Explained {
        evidence = List.copyOf(evidence);
        commands = List.copyOf(commands);
    }

    /** The same with more evidence at the end (log lines, say). */
    public Explained withEvidence(List<Msg> more) {
        List<Msg> all = new ArrayList<>(evidence);
        all.addAll(more);
        return new Explained(state, what, all, commands, look, next, nextAfterHints);
    }

    /** In {@code locale}; the specific next step only once the learner has opened a hint. */
    public Explanation render(Locale locale, boolean hintsOpened) {
        boolean specific = hintsOpened && nextAfterHints != null;
        return new Explanation(state.name(), what.render(locale), evidence.stream().map(m -> m.render(locale)).toList(),
                commands, look == null ? null : look.render(locale),
                (specific ? nextAfterHints : next).render(locale), specific,
                Texts.supported(locale).getLanguage().isEmpty() ? "en" : "zh");
    }

    /** {@code what} and {@code look} in one text, as the one-line advice has it. */
    public String advice(Locale locale) {
        return what.render(locale) + (look == null ? "" : " " + look.render(locale));
    }
}

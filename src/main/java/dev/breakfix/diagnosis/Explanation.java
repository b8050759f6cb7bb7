package dev.breakfix.diagnosis;

import java.util.List;

/**
 * A diagnosis explained in plain words, in one language, for a page or a report to show part by part.
 *
 * @param state    the {@link PodState} it explains
 * @param what     what is wrong
 * @param evidence what shows it: the event, the exit code and its signal, the container's state, the last log
 *                 lines where they are at hand
 * @param commands the chapter's commands that show it, as typed ({@code kubectl describe pod nginx})
 * @param look     where in their output to look
 * @param next     what to try next
 * @param specific true when {@code next} is the specific step (the learner has opened the hints), false for
 *                 the generic one that does not give the answer away
 * @param lang     the language of the words: {@code en} or {@code zh}
 */
public record Explanation(String state, String what, List<String> evidence, List<String> commands, String look,
                          String next, boolean specific, String lang) {

    public Explanation {
        evidence = List.copyOf(evidence);
        commands = List.copyOf(commands);
    }

    /** A heading or label of the explanation ({@code label.what}, ...) in its language. */
    public String label(String name) {
        return Msg.of("label." + name).render(java.util.Locale.forLanguageTag(lang == null ? "en" : lang));
    }
}

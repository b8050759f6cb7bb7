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
 */
public record Explanation(String state, String what, List<String> evidence, List<String> commands, String look,
                          String next, boolean specific) {

    public Explanation {
        evidence = List.copyOf(evidence);
        commands = List.copyOf(commands);
    }
}

package dev.breakfix.catalog;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A debugging question graded with the fix: what the learner found on the way (an exit code, a source line, a
 * variable's name). {@code prompts} by language ({@code en}, {@code zh}); {@code answers} are the accepted
 * answers, compared after {@link #normalise}; {@code points} count toward the lab's score.
 */
public record Question(String id, Map<String, String> prompts, List<String> answers, int points) {

    /** The languages every question must have a prompt in. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    /** The prompt in {@code language} (its primary subtag: {@code zh-CN} is {@code zh}), else in English. */
    public String prompt(String language) {
        if (language != null) {
            String primary = language.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
            String p = prompts.get(primary);
            if (p != null) {
                return p;
            }
        }
        return prompts.get("en");
    }

    /** True when {@code answer} is one of the accepted answers once both are normalised. */
    public boolean accepts(String answer) {
        String given = normalise(answer);
        return !given.isEmpty() && answers.stream().map(Question::normalise).anyMatch(given::equals);
    }

    /**
     * The form answers are compared in: compatibility-normalised (full-width digits and colons typed with a Chinese
     * input method become ASCII), lower-case, with all whitespace removed ({@code " crasher.c : 3 "} is
     * {@code crasher.c:3}).
     */
    public static String normalise(String answer) {
        if (answer == null) {
            return "";
        }
        String s = Normalizer.normalize(answer, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(out::appendCodePoint);
        return out.toString();
    }
}

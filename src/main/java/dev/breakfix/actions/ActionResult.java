package dev.breakfix.actions;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.breakfix.diagnosis.Msg;

/**
 * What a learner action did: whether it worked, a kubectl-like message, an explanation in plain words
 * (may be null), and the objects it touched. {@code messageText} and {@code explanationTexts} are the message
 * (null: kubectl's own words, the same in every language) and the explanation's sentences before they are put
 * into words (not in JSON); {@link #in(Locale)} puts them into the learner's language.
 */
public record ActionResult(boolean ok, String message, String explanation, List<ObjectChange> objects,
        @JsonIgnore Msg messageText, @JsonIgnore List<Msg> explanationTexts) {

    public ActionResult {
        objects = objects == null ? List.of() : List.copyOf(objects);
        explanationTexts = explanationTexts == null ? List.of() : List.copyOf(explanationTexts);
    }

    public ActionResult(boolean ok, String message, String explanation, List<ObjectChange> objects) {
        this(ok, message, explanation, objects, null, List.of());
    }

    public static ActionResult done(String message, String explanation, List<ObjectChange> objects) {
        return new ActionResult(true, message, explanation, objects);
    }

    /**
     * A result with the message (kubectl's words when {@code message} is null: {@code kubectlLine}) and the
     * explanation's sentences (none: no explanation) to be put into the learner's language.
     */
    static ActionResult done(String kubectlLine, Msg message, List<Msg> explanation, List<ObjectChange> objects) {
        return new ActionResult(true, message == null ? kubectlLine : message.english(), join(explanation, Locale.ENGLISH),
                objects, message, explanation);
    }

    /** The same result with its message and explanation in {@code locale}. */
    public ActionResult in(Locale locale) {
        if (messageText == null && explanationTexts.isEmpty()) {
            return this;
        }
        return new ActionResult(ok, messageText == null ? message : messageText.render(locale),
                explanationTexts.isEmpty() ? explanation : join(explanationTexts, locale), objects, messageText,
                explanationTexts);
    }

    private static String join(List<Msg> sentences, Locale locale) {
        if (sentences == null || sentences.isEmpty()) {
            return null;
        }
        String separator = Msg.of("act.sentenceSeparator").render(locale);
        return String.join(separator.isEmpty() ? "" : separator, sentences.stream().map(m -> m.render(locale)).toList());
    }

    /** One object an action touched. */
    public record ObjectChange(String kind, String name, Change action) {

        /** As kubectl prints it: {@code pod/sleep created}. */
        public String line() {
            return kind.toLowerCase(Locale.ROOT) + "/" + name + " " + action;
        }
    }

    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED,
        DELETED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

package dev.breakfix.actions;

import java.util.List;
import java.util.Locale;

import dev.breakfix.diagnosis.Coaching;
import dev.breakfix.diagnosis.DeadEnd;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.diagnosis.Texts;

/**
 * A learner action that was refused, by Breakfix's own rules or by the API server, with the reason and
 * an explanation in plain words. {@code status} is the HTTP status the JSON API answers with;
 * {@code applied} lists what an apply had already changed before the refusal (usually nothing).
 */
public class ActionRefusedException extends RuntimeException {

    /** Machine-readable kinds of refusal; the JSON API reports them as {@code urn:breakfix:action:<code>}. */
    public enum Reason {
        /** The manifest breaks the lab's rules or cannot be read (400). */
        MANIFEST_REFUSED("manifest-refused", 400),
        /** The request body is larger than {@code breakfix.api.max-body-bytes} (413). */
        TOO_LARGE("body-too-large", 413),
        /** A bad parameter: an image reference, a kind, a name (400). */
        INVALID_REQUEST("invalid-request", 400),
        /** No such Pod, Deployment or container in the learner's lab (404). */
        NOT_FOUND("not-found", 404),
        /** A Pod's spec may not change in place (422), as the API server answers. */
        POD_IMMUTABLE("pod-immutable", 422),
        /** The API server (or a rule it enforces) refused the change; status as it answered. */
        API_REFUSED("api-refused", 422),
        /** The object is still being deleted, or changed concurrently (409). */
        CONFLICT("conflict", 409);

        private final String code;
        private final int status;

        Reason(String code, int status) {
            this.code = code;
            this.status = status;
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final int status;
    private final String explanation;
    private final List<ActionResult.ObjectChange> applied;
    private final DeadEnd coaching;
    /** The message and the explanation before they are put into words; null where only English words exist. */
    private final Msg messageText;
    private final Msg explanationText;

    public ActionRefusedException(Reason reason, String message, String explanation) {
        this(reason, reason.status(), message, explanation, List.of());
    }

    public ActionRefusedException(Reason reason, int status, String message, String explanation,
            List<ActionResult.ObjectChange> applied) {
        this(reason, status, message, explanation, applied, null, null, null);
    }

    private ActionRefusedException(Reason reason, int status, String message, String explanation,
            List<ActionResult.ObjectChange> applied, DeadEnd coaching, Msg messageText, Msg explanationText) {
        super(message);
        this.reason = reason;
        this.status = status;
        this.explanation = explanation;
        this.applied = List.copyOf(applied);
        this.coaching = coaching;
        this.messageText = messageText;
        this.explanationText = explanationText;
    }

    /** A refusal in Breakfix's own words, message and explanation (may be null) to be put into the learner's language. */
    public static ActionRefusedException of(Reason reason, Msg message, Msg explanation) {
        return explained(reason, reason.status(), message.english(), message, explanation);
    }

    /**
     * A refusal whose message is the API server's (English, as it answers) and whose explanation (may be null) is put
     * into the learner's language.
     */
    public static ActionRefusedException explained(Reason reason, int status, String message, Msg explanation) {
        return explained(reason, status, message, null, explanation);
    }

    private static ActionRefusedException explained(Reason reason, int status, String message, Msg messageText,
            Msg explanation) {
        return new ActionRefusedException(reason, status, message, explanation == null ? null : explanation.english(),
                List.of(), null, messageText, explanation);
    }

    /** The same refusal, noting what an apply had changed before it. */
    public ActionRefusedException after(List<ActionResult.ObjectChange> done) {
        return new ActionRefusedException(reason, status, getMessage(), explanation, done, coaching, messageText,
                explanationText);
    }

    /** The same refusal with the dead end it is, to explain in the learner's language. */
    public ActionRefusedException coaching(DeadEnd deadEnd) {
        return new ActionRefusedException(reason, status, getMessage(), explanation, applied, deadEnd, messageText,
                explanationText);
    }

    /** The message in {@code locale}: Breakfix's own words translated; the API server's words as it said them. */
    public String message(Locale locale) {
        return messageText == null ? getMessage() : messageText.render(locale);
    }

    /** The dead end this refusal is ({@link DeadEnd#POD_IMMUTABLE}), or null. */
    public DeadEnd coaching() {
        return coaching;
    }

    /** The explanation in {@code locale}: the dead end's words where there is one, else the explanation's. */
    public String explanation(Locale locale) {
        if (coaching == null || Texts.supported(locale).getLanguage().isEmpty()) {
            return explanationText == null ? explanation : explanationText.render(locale);
        }
        Coaching c = coaching.render(locale);
        return c.what() + " " + c.why() + " " + c.next();
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return status;
    }

    public String explanation() {
        return explanation;
    }

    public List<ActionResult.ObjectChange> applied() {
        return applied;
    }

    /** The refusal as a result the pages can show like any other. */
    public ActionResult result() {
        return new ActionResult(false, getMessage(), explanation, applied);
    }
}

package dev.breakfix.terminal;

import java.util.Locale;

import dev.breakfix.access.AccessUnavailableException;
import dev.breakfix.diagnosis.Msg;

/** The learner's toolbox cannot run; the reason in English and before it is put into the learner's words. */
class ToolboxUnavailableException extends AccessUnavailableException {

    private final transient Msg text;

    ToolboxUnavailableException(Msg text) {
        super(text.english());
        this.text = text;
    }

    String message(Locale locale) {
        return text.render(locale);
    }
}

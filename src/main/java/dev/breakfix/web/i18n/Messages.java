package dev.breakfix.web.i18n;

import java.util.Locale;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** The page texts for Java code that builds a message itself (notices, errors, summaries). */
public final class Messages {

    private Messages() {
    }

    /** The texts in {@code locale}'s language; English when Breakfix has no such language. */
    public static Msg of(Locale locale) {
        String code = Languages.code(locale);
        return "en".equals(code) ? MessageBundles.get(Msg.class) : MessageBundles.get(Msg.class, Localized.Literal.of(code));
    }
}

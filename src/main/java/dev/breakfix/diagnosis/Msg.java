package dev.breakfix.diagnosis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A text before it is put into words: a key of the {@code i18n/diagnosis} bundles and its arguments. An
 * argument that is itself a {@code Msg} is rendered in the same language first; anything else is shown as
 * the cluster wrote it (names, images, reasons, commands stay untranslated).
 */
public record Msg(String key, List<Object> args) {

    public Msg {
        args = List.copyOf(args);
    }

    public static Msg of(String key, Object... args) {
        return new Msg(key, Arrays.asList(args).stream().map(a -> a == null ? (Object) "" : a).toList());
    }

    /** The text in {@code locale} (English where the bundle has no language of its own). */
    public String render(Locale locale) {
        return Texts.render(this, locale);
    }

    /** The text in English, as the JSON API gives it by default. */
    public String english() {
        return render(Locale.ENGLISH);
    }
}

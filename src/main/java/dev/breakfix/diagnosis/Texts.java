package dev.breakfix.diagnosis;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The words of diagnosis and coaching, in {@code i18n/diagnosis.properties} (English) and
 * {@code i18n/diagnosis_zh.properties} (Simplified Chinese), formatted with {@link MessageFormat}. The
 * JVM's default locale never decides the language: a locale without a bundle of its own gets English.
 */
public final class Texts {

    public static final String BUNDLE = "i18n.diagnosis";

    /** The languages diagnosis speaks, English first. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    public static ResourceBundle bundle(Locale locale) {
        Locale l = locale == null ? Locale.ENGLISH : locale;
        return ResourceBundle.getBundle(BUNDLE, supported(l), Texts.class.getClassLoader(), NO_FALLBACK);
    }

    /** Chinese for any {@code zh} locale, else English. */
    public static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
    }

    /** The best of the languages a request accepts ({@code Accept-Language}), English if none fits. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String lang = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (lang.equals("zh")) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
                if (lang.equals("en") || lang.equals("*")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
        return Locale.ENGLISH;
    }

    public static String render(Msg msg, Locale locale) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(msg.key());
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text '" + msg.key() + "' in " + BUNDLE + " for " + locale, e);
        }
        Object[] args = msg.args().stream().map(a -> a instanceof Msg m ? render(m, locale) : a).toArray();
        Locale format = bundle.getLocale().equals(Locale.ROOT) ? Locale.ENGLISH : bundle.getLocale();
        return new MessageFormat(pattern, format).format(args);
    }

    /** Every key of a language's bundle, for tests that compare the languages. */
    public static Set<String> keys(Locale locale) {
        return bundle(locale).keySet();
    }
}

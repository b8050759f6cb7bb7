package dev.breakfix.web.i18n;

import java.util.List;
import java.util.Locale;

import dev.breakfix.catalog.LabLanguages;

/**
 * Which language a learner's page is in: {@code ?lang=} when the learner just chose one, then the language
 * cookie that choice left, then the browser's Accept-Language, then English.
 */
public final class Languages {

    /** The query parameter of the language switch. */
    public static final String PARAM = "lang";
    /** The cookie that keeps the learner's choice. */
    public static final String COOKIE = "breakfix_lang";
    /** Where the filter leaves the request's locale on the Vert.x routing context. */
    public static final String CONTEXT_KEY = "breakfix.locale";

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.forLanguageTag("zh");

    private Languages() {
    }

    /** The locale of a supported language code ({@code en}, {@code zh}, also {@code zh-CN}), or null. */
    public static Locale parse(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return LabLanguages.ALL.contains(language) ? Locale.forLanguageTag(language) : null;
    }

    /** The first supported language of an Accept-Language header, by the weights it gives; null if none. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header.length() > 500 ? header.substring(0, 500) : header);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() > 0) {
                Locale l = parse(range.getRange());
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }

    /** The page's locale from the parameter, the cookie and the header, in that order. */
    public static Locale resolve(String param, String cookie, String acceptLanguage) {
        Locale l = parse(param);
        if (l == null) {
            l = parse(cookie);
        }
        if (l == null) {
            l = fromAcceptLanguage(acceptLanguage);
        }
        return l == null ? ENGLISH : l;
    }

    /** The catalog's language code of a locale: {@code en} or {@code zh}. */
    public static String code(Locale locale) {
        return LabLanguages.supported(locale == null ? null : locale.getLanguage());
    }
}

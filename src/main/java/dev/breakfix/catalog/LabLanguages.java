package dev.breakfix.catalog;

import java.util.List;

/**
 * The languages a lab can be written in. English is the catalog's own language ({@code scenario.yaml} and
 * {@code labs/en/<id>.adoc}) and the fallback for anything not translated.
 */
public final class LabLanguages {

    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh";

    /** Every language Breakfix offers, English first. */
    public static final List<String> ALL = List.of(ENGLISH, CHINESE);

    /** The languages a scenario may be translated into. */
    public static final List<String> TRANSLATIONS = List.of(CHINESE);

    private LabLanguages() {
    }

    /** {@code language} if Breakfix offers it, otherwise English. */
    public static String supported(String language) {
        return language != null && ALL.contains(language) ? language : ENGLISH;
    }
}

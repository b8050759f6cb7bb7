package dev.breakfix.catalog;

import java.util.List;

/**
 * A scenario's learner-facing texts in one language other than English: the lab text
 * ({@code labs/<lang>/<id>.adoc}) and, from {@code labs/<lang>/<id>.yaml}, the title, the summary and the
 * hints, in the same order as the English ones. A field left out (null) falls back to English.
 */
public record LabTranslation(String language, String title, String summary, List<String> hints, String lab,
        String origin) {
}

package dev.breakfix.web.asciidoc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AsciiDoc attributes a lab text may use, each with the placeholder token it is rendered with once at
 * start-up. Tokens are plain letters, so no AsciiDoc substitution (quotes, replacements, links) changes
 * them, and none can occur in a lab text by chance.
 */
public final class LabAttributes {

    public static final String NAMESPACE = "namespace";
    public static final String LEARNER = "learner";
    public static final String NODE_LABEL_KEY = "node-label-key";
    public static final String NODE_LABEL_VALUE = "node-label-value";
    public static final String CPU_REQUEST = "cpu-request";

    public static final List<String> NAMES = List.of(NAMESPACE, LEARNER, NODE_LABEL_KEY, NODE_LABEL_VALUE, CPU_REQUEST);

    private LabAttributes() {
    }

    /** The token standing for attribute {@code name} in rendered HTML. */
    public static String token(String name) {
        return "BFXATTR" + name.replace("-", "").toUpperCase(java.util.Locale.ROOT) + "XBF";
    }

    /** Every attribute mapped to its token. */
    public static Map<String, Object> tokens() {
        Map<String, Object> tokens = new LinkedHashMap<>();
        NAMES.forEach(n -> tokens.put(n, token(n)));
        return tokens;
    }
}

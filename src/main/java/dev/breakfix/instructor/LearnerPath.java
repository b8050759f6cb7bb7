package dev.breakfix.instructor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A learner id as one URL path segment. */
final class LearnerPath {

    private LearnerPath() {
    }

    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

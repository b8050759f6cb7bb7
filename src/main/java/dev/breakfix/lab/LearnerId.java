package dev.breakfix.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A learner as the caller names them ({@code id}) and as the cluster knows them ({@code name}, a valid
 * DNS label of at most {@value #MAX_NAME} characters). Ids that already are such a label are used as
 * they are; any other id (capitals, spaces, other scripts) gets a readable slug plus a short hash of the
 * original, so two different ids never share a name.
 */
public record LearnerId(String id, String name) {

    public static final int MAX_ID = 64;
    public static final int MAX_NAME = 40;
    /** Names the preflight gives its scratch learners; such learners are never part of the class. */
    public static final String SCRATCH_PREFIX = "preflight-";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N} ._@-]+");

    public static LearnerId of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidLearnerIdException("a learner id is required");
        }
        String id = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (id.codePointCount(0, id.length()) > MAX_ID) {
            throw new InvalidLearnerIdException("a learner id has at most " + MAX_ID + " characters");
        }
        if (!ALLOWED.matcher(id).matches()) {
            throw new InvalidLearnerIdException(
                    "a learner id may contain letters, digits, spaces, '.', '_', '@' and '-' only");
        }
        if (id.length() <= MAX_NAME && DNS_LABEL.matcher(id).matches()) {
            return new LearnerId(id, id);
        }
        String slug = Normalizer.normalize(id.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        String hash = shortHash(id);
        int room = MAX_NAME - hash.length() - 1;
        if (slug.length() > room) {
            slug = slug.substring(0, room).replaceAll("-+$", "");
        }
        return new LearnerId(id, (slug.isEmpty() ? "learner" : slug) + "-" + hash);
    }

    /** Recreates a learner id read back from the cluster (name label and id annotation). */
    public static LearnerId restored(String id, String name) {
        return new LearnerId(id == null ? name : id, name);
    }

    /** The per-learner node label key for nginx-selector: one learner's label never matches another's Pod. */
    public String nodeLabelKey() {
        return BreakfixLabels.NODE_LABEL_PREFIX + name;
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The preflight's scratch learner, not a member of the class. */
    public boolean scratch() {
        return name.startsWith(SCRATCH_PREFIX);
    }
}

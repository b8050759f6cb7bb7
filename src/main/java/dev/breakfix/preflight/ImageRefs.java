package dev.breakfix.preflight;

/**
 * Image references as a container runtime resolves them ({@code nginx} is {@code docker.io/library/nginx:latest}),
 * to compare what a scenario runs with what a node's {@code status.images} lists.
 */
final class ImageRefs {

    private ImageRefs() {
    }

    static String normalize(String image) {
        String ref = image == null ? "" : image.strip();
        String name = ref;
        String suffix;
        int at = ref.indexOf('@');
        if (at >= 0) {
            name = ref.substring(0, at);
            suffix = ref.substring(at);
        } else {
            int slash = ref.lastIndexOf('/');
            int colon = ref.lastIndexOf(':');
            if (colon > slash) {
                name = ref.substring(0, colon);
                suffix = ref.substring(colon);
            } else {
                suffix = ":latest";
            }
        }
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (!hasRegistry) {
            name = "docker.io/" + (name.contains("/") ? name : "library/" + name);
        }
        return name + suffix;
    }

    /** True for references a kubelet pulls with policy Always by default (no tag, or {@code :latest}). */
    static boolean floating(String image) {
        return image.indexOf('@') < 0 && normalize(image).endsWith(":latest");
    }

    /** True when the image comes from Docker Hub, whose anonymous pulls are rate-limited. */
    static boolean dockerHub(String image) {
        return normalize(image).startsWith("docker.io/");
    }
}

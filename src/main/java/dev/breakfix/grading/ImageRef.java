package dev.breakfix.grading;

/**
 * Image references the way a container runtime resolves them: {@code nginx} = {@code docker.io/library/nginx:latest}.
 * The grader compares a Pod's image with the one the chapter intends; the preflight compares a scenario's images
 * with what a node's {@code status.images} lists.
 */
public final class ImageRef {

    private ImageRef() {
    }

    public static String normalize(String image) {
        if (image == null) {
            return "";
        }
        String ref = image.strip();
        String name = ref;
        String suffix = "";
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

    static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /** True for references a kubelet pulls with policy Always by default (no tag, or {@code :latest}). */
    public static boolean floating(String image) {
        return image.indexOf('@') < 0 && normalize(image).endsWith(":latest");
    }

    /** True when the image comes from Docker Hub, whose anonymous pulls are rate-limited. */
    public static boolean dockerHub(String image) {
        return normalize(image).startsWith("docker.io/");
    }
}

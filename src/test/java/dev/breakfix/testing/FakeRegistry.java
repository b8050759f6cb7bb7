package dev.breakfix.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images the fake kubelet can pull, as the captures' loopback registry served them, and how each
 * one behaves when run. Image references are resolved the way containerd does
 * ({@code nginx} = {@code docker.io/library/nginx:latest}); an alias makes another reference (a
 * private mirror) behave like one of the known images.
 */
final class FakeRegistry {

    /** The programs the known images run. */
    enum Program {
        NGINX(List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;")),
        BUSYBOX(List.of(), List.of("sh")),
        POSTGRES(List.of("docker-entrypoint.sh"), List.of("postgres")),
        CRASHER(List.of(), List.of("/crasher")),
        KUBECTL(List.of("kubectl"), List.of("--help")),
        TOOLBOX(List.of(), List.of("sleep", "infinity"));

        final List<String> entrypoint;
        final List<String> cmd;

        Program(List<String> entrypoint, List<String> cmd) {
            this.entrypoint = entrypoint;
            this.cmd = cmd;
        }
    }

    /** Digests the captures show, so that statuses carry the same imageIDs. */
    private static final Map<String, String> KNOWN_IMAGE_IDS = Map.of(
            "docker.io/library/nginx:latest",
            "docker.io/library/nginx@sha256:897c19aabe83e632543af4ab65c4f30a248a7f51d36cb272d8a6995f85d93bbf",
            "docker.io/library/busybox:latest",
            "docker.io/library/busybox@sha256:c89ebf9f481891c058fd1818ac74fa77f2ce48b57f1e202ce282d9579baba380",
            "docker.io/library/postgres:latest",
            "docker.io/library/postgres@sha256:d45901cdd9a2c9f6dff5f1a69a8d4120fa32c53fbc1be27d8497b103015d24c2",
            "docker.io/bookofkubernetes/crasher:stable",
            "docker.io/bookofkubernetes/crasher@sha256:cf4e08af4b162904f3e1bea79b74cd9bb6fd81315513fb62cec603c2c2eabcca");

    /** Images on the captured node before any pull (its {@code status.images}). */
    static final List<String> PRESENT_ON_NODES = List.of(
            "docker.io/bookofkubernetes/crasher:stable",
            "docker.io/library/postgres:latest",
            "docker.io/library/nginx:latest",
            "registry.k8s.io/pause:3.6");

    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    void alias(String image, String behavesLike) {
        aliases.put(image, behavesLike);
        aliases.put(Ref.parse(image).normalized(), behavesLike);
    }

    /** The program an image runs, or empty when the registry does not have it. */
    Optional<Program> program(String image) {
        String resolved = aliases.getOrDefault(image, aliases.getOrDefault(Ref.parse(image).normalized(), image));
        Ref ref = Ref.parse(resolved);
        String repository = ref.repository();
        Program program = switch (repository) {
            case "docker.io/library/nginx" -> Program.NGINX;
            case "docker.io/library/busybox" -> Program.BUSYBOX;
            case "docker.io/library/postgres" -> Program.POSTGRES;
            case "docker.io/bitnami/kubectl" -> Program.KUBECTL;
            // the registry only ever had the chapter's tag
            case "docker.io/bookofkubernetes/crasher" -> "stable".equals(ref.tag()) || ref.digest() != null
                    ? Program.CRASHER : null;
            default -> repository.endsWith("/kubectl-toolbox") ? Program.TOOLBOX : null;
        };
        return Optional.ofNullable(program);
    }

    /** What containerd answers for an image it cannot find (the container's waiting message). */
    static String pullError(String image) {
        String ref = Ref.parse(image).normalized();
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"" + ref
                + "\": failed to resolve reference \"" + ref + "\": " + ref + ": not found";
    }

    /** {@code containerStatuses[].image} of a container that runs: the fully qualified reference. */
    static String statusImage(String image) {
        return Ref.parse(image).normalized();
    }

    /** {@code containerStatuses[].imageID}: the repository and its digest. */
    static String imageId(String image) {
        Ref ref = Ref.parse(image);
        String known = KNOWN_IMAGE_IDS.get(ref.normalized());
        if (known != null) {
            return known;
        }
        if (ref.digest() != null) {
            return ref.repository() + "@" + ref.digest();
        }
        return ref.repository() + "@sha256:" + sha256(ref.normalized());
    }

    /** The pull policy the API server defaults to when the spec leaves it out. */
    static String pullPolicy(String declared, String image) {
        if (declared != null && !declared.isBlank()) {
            return declared;
        }
        Ref ref = Ref.parse(image);
        return ref.digest() == null && "latest".equals(ref.tag()) ? "Always" : "IfNotPresent";
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A parsed image reference: {@code domain/path:tag} or {@code domain/path@digest}. */
    record Ref(String domain, String path, String tag, String digest) {

        static Ref parse(String image) {
            String rest = image.strip();
            String digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            String domain = "docker.io";
            String path = rest;
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String first = rest.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    domain = first;
                    path = rest.substring(slash + 1);
                }
            }
            if (domain.equals("docker.io") && !path.contains("/")) {
                path = "library/" + path;
            }
            if (tag == null && digest == null) {
                tag = "latest";
            }
            return new Ref(domain, path, tag, digest);
        }

        String repository() {
            return domain + "/" + path;
        }

        String normalized() {
            return repository() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
        }
    }
}

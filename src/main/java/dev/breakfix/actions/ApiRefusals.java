package dev.breakfix.actions;

import java.util.Optional;

import dev.breakfix.actions.ActionRefusedException.Reason;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns the API server's refusal of a learner's change into words: what it said, and what it means.
 * Only the learner's mistakes and races are explained (400, 403, 404, 409, 422); anything else (the
 * cluster away, a server error) is not the learner's and stays an error. Pure.
 */
final class ApiRefusals {

    private ApiRefusals() {
    }

    /** The refusal to report, or empty when the exception is not a refusal of the learner's change. */
    static Optional<ActionRefusedException> explain(KubernetesClientException e, String kind, String name) {
        int code = e.getCode();
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        String reason = e.getStatus() == null ? null : e.getStatus().getReason();
        String explanation;
        switch (code) {
            case 400 -> explanation = "The API server could not read " + kind + " " + name + ": a field has a value of the "
                    + "wrong type (a number where text belongs, a list where one value belongs). The message names it.";
            case 403 -> explanation = "The API server refused the change. In a lab this is admission, not your rights: the "
                    + "lab's namespace enforces Pod Security \"baseline\" (no privileged containers, host namespaces, host "
                    + "paths or host ports), and quotas can limit what it may hold. The message says which rule.";
            case 404 -> explanation = kind + " " + name + " disappeared while your change was applied (it was deleted). "
                    + "Apply again to create it.";
            case 409 -> explanation = "AlreadyExists".equals(reason) || (message != null && message.contains("already exists"))
                    ? kind + " " + name + " was created by someone else (or is still being deleted) while your manifest was "
                            + "applied. Apply again: Breakfix will see it and update it, or tell you why it cannot."
                    : kind + " " + name + " changed after Breakfix read it (a controller, kubectl, another tab). Kubernetes "
                            + "refuses updates based on an outdated version, so that no change is lost. Apply again: "
                            + "Breakfix reads the current version first.";
            case 422 -> {
                if (message != null && message.contains("pod updates may not change fields")) {
                    return Optional.of(new ActionRefusedException(Reason.POD_IMMUTABLE, 422, message,
                            String.format(ServerRules.POD_IMMUTABLE_EXPLANATION, "more than those"), java.util.List.of())
                            .coaching(dev.breakfix.diagnosis.DeadEnds.podImmutable(name, null)));
                }
                explanation = "The API server checked the manifest and found a field with a value it does not accept: the "
                        + "message names the field (such as `spec.containers[0].name`) and what is wrong with it. Names "
                        + "must be lower-case letters, digits and '-'; some fields cannot change once the object exists.";
            }
            default -> {
                return Optional.empty();
            }
        }
        Reason kindOfRefusal = code == 409 ? Reason.CONFLICT : code == 404 ? Reason.NOT_FOUND : Reason.API_REFUSED;
        return Optional.of(new ActionRefusedException(kindOfRefusal, code, message, explanation, java.util.List.of()));
    }
}

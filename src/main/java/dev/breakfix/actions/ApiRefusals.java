package dev.breakfix.actions;

import java.util.Optional;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.diagnosis.Msg;
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
        Msg explanation;
        switch (code) {
            case 400 -> explanation = Msg.of("act.api400", kind, name);
            case 403 -> explanation = Msg.of("act.api403");
            case 404 -> explanation = Msg.of("act.api404", kind, name);
            case 409 -> explanation = "AlreadyExists".equals(reason) || (message != null && message.contains("already exists"))
                    ? Msg.of("act.api409exists", kind, name)
                    : Msg.of("act.api409conflict", kind, name);
            case 422 -> {
                if (message != null && message.contains("pod updates may not change fields")) {
                    return Optional.of(new ActionRefusedException(Reason.POD_IMMUTABLE, 422, message,
                            String.format(ServerRules.POD_IMMUTABLE_EXPLANATION, "more than those"), java.util.List.of())
                            .coaching(dev.breakfix.diagnosis.DeadEnds.podImmutable(name, null)));
                }
                explanation = Msg.of("act.api422");
            }
            default -> {
                return Optional.empty();
            }
        }
        Reason kindOfRefusal = code == 409 ? Reason.CONFLICT : code == 404 ? Reason.NOT_FOUND : Reason.API_REFUSED;
        return Optional.of(ActionRefusedException.explained(kindOfRefusal, code, message, explanation));
    }
}

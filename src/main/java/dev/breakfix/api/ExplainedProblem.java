package dev.breakfix.api;

import java.util.List;

import dev.breakfix.actions.ActionResult;

/**
 * A problem detail for a refused learner action: RFC 9457's members plus {@code explanation} (what the
 * refusal means, in plain words) and {@code objects} (what an apply had changed before it, usually
 * nothing). {@code type} is {@code urn:breakfix:action:<reason>}.
 */
public record ExplainedProblem(String type, String title, int status, String detail, String explanation,
        List<ActionResult.ObjectChange> objects, dev.breakfix.diagnosis.Coaching coaching) {
}

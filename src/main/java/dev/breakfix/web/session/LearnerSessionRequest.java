package dev.breakfix.web.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A learner id read from a session cookie whose signature and expiry were checked. */
public final class LearnerSessionRequest extends BaseAuthenticationRequest {

    private final String learnerId;

    public LearnerSessionRequest(String learnerId) {
        this.learnerId = learnerId;
    }

    public String learnerId() {
        return learnerId;
    }
}

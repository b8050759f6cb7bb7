package dev.breakfix.instructor;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An instructor's name read from a session cookie whose signature and expiry were checked. */
public final class InstructorSessionRequest extends BaseAuthenticationRequest {

    private final String instructor;

    public InstructorSessionRequest(String instructor) {
        this.instructor = instructor;
    }

    public String instructor() {
        return instructor;
    }
}

package dev.breakfix.instructor;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** An instructor session becomes an identity with the instructor role (which includes grader). */
@ApplicationScoped
public class InstructorIdentityProvider implements IdentityProvider<InstructorSessionRequest> {

    /** Marks identities that came from the browser session (not from a bearer token). */
    public static final String SESSION_ATTRIBUTE = "breakfix.instructor-session";

    @Override
    public Class<InstructorSessionRequest> getRequestType() {
        return InstructorSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(InstructorSessionRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.instructor()))
                .addRole(Roles.INSTRUCTOR)
                .addRole(Roles.GRADER)
                .addAttribute(SESSION_ATTRIBUTE, Boolean.TRUE)
                .build());
    }
}

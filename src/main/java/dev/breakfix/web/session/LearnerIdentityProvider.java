package dev.breakfix.web.session;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A learner session becomes an identity with the learner role, named by the learner id as typed. */
@ApplicationScoped
public class LearnerIdentityProvider implements IdentityProvider<LearnerSessionRequest> {

    @Override
    public Class<LearnerSessionRequest> getRequestType() {
        return LearnerSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(LearnerSessionRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.learnerId()))
                .addRole(Roles.LEARNER)
                .build());
    }
}

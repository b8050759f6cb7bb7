package dev.breakfix.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.config.BreakfixConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Maps the configured instructor and grader tokens to their roles; any other token is refused (401). */
@ApplicationScoped
public class ConfiguredTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final BreakfixConfig config;

    public ConfiguredTokenIdentityProvider(BreakfixConfig config) {
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        String role = matches(config.auth().instructorTokens(), token) ? Roles.INSTRUCTOR
                : matches(config.auth().graderTokens(), token) ? Roles.GRADER : null;
        if (role == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown token"));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(role))
                .addRole(role)
                .addCredential(request.getToken());
        if (role.equals(Roles.INSTRUCTOR)) {
            identity.addRole(Roles.GRADER);
        }
        return Uni.createFrom().item(identity.build());
    }

    /** Constant-time comparison against every configured token. */
    private static boolean matches(Optional<List<String>> tokens, String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (String t : tokens.orElse(List.of())) {
            if (!t.isBlank()) {
                found |= MessageDigest.isEqual(t.strip().getBytes(StandardCharsets.UTF_8), given);
            }
        }
        return found;
    }
}

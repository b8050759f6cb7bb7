package dev.breakfix.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Issues a learner's kubeconfig: a short-lived token of the learner's home ServiceAccount (TokenRequest), the API
 * server's address and CA, and the lab's namespace as the default.
 */
@ApplicationScoped
public class Kubeconfigs {

    private static final Logger LOG = Logger.getLogger(Kubeconfigs.class);
    /** The API server refuses TokenRequests for less than 10 minutes. */
    static final Duration MIN_TTL = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final AccessConfig config;
    private final LearnerHomes homes;
    private final Catalog catalog;
    private final Clock clock;
    private volatile ClusterEndpoint endpoint;

    public Kubeconfigs(KubernetesClient client, AccessConfig config, LearnerHomes homes, Catalog catalog, Clock clock) {
        this.client = client;
        this.config = config;
        this.homes = homes;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The kubeconfig (YAML) for the learner's lab of {@code scenario}; an unknown scenario throws. */
    public String issue(LearnerId learner, String scenario) {
        LabKey lab = new LabKey(learner, catalog.get(scenario).id());
        String home = homes.ensure(learner);
        TokenRequest token = requestToken(home);
        return KubeconfigBuilder.yaml(new KubeconfigBuilder.Kubeconfig(endpoint(), learner.id(), learner.name(),
                lab.scenario(), lab.namespace(), token.getStatus().getToken(), expiry(token)));
    }

    /** Where learners reach the API server (computed once). */
    public ClusterEndpoint endpoint() {
        ClusterEndpoint e = endpoint;
        if (e == null) {
            String server = config.apiServer().filter(s -> !s.isBlank())
                    .orElseGet(() -> client.getConfiguration().getMasterUrl());
            e = new ClusterEndpoint(server, config.insecureSkipTlsVerify() ? null : certificateAuthority(),
                    config.insecureSkipTlsVerify());
            endpoint = e;
        }
        return e;
    }

    private TokenRequest requestToken(String home) {
        long seconds = Math.max(MIN_TTL.toSeconds(), config.tokenTtl().toSeconds());
        TokenRequest request = new TokenRequestBuilder()
                .withNewSpec().withExpirationSeconds(seconds).endSpec()
                .build();
        try {
            TokenRequest answer = client.serviceAccounts().inNamespace(home).withName(LearnerHome.SERVICE_ACCOUNT)
                    .tokenRequest(request);
            if (answer == null || answer.getStatus() == null || answer.getStatus().getToken() == null
                    || answer.getStatus().getToken().isBlank()) {
                throw new AccessUnavailableException("the API server gave no token for " + home + "/"
                        + LearnerHome.SERVICE_ACCOUNT);
            }
            return answer;
        } catch (KubernetesClientException e) {
            throw new AccessUnavailableException("cannot get a token for your ServiceAccount: " + e.getMessage(), e);
        }
    }

    private Instant expiry(TokenRequest token) {
        String at = token.getStatus().getExpirationTimestamp();
        if (at != null) {
            try {
                return Instant.parse(at);
            } catch (DateTimeParseException e) {
                LOG.debugf("unreadable token expiry %s", at);
            }
        }
        return clock.instant().plus(config.tokenTtl());
    }

    /** Base64 of the CA's PEM: configured, else the client's own; null for the system's trust store. */
    private String certificateAuthority() {
        if (config.certificateAuthorityData().filter(s -> !s.isBlank()).isPresent()) {
            return base64Pem(config.certificateAuthorityData().get());
        }
        if (config.certificateAuthorityFile().filter(s -> !s.isBlank()).isPresent()) {
            return base64Pem(read(config.certificateAuthorityFile().get()));
        }
        io.fabric8.kubernetes.client.Config own = client.getConfiguration();
        if (own.getCaCertData() != null && !own.getCaCertData().isBlank()) {
            return base64Pem(own.getCaCertData());
        }
        if (own.getCaCertFile() != null && !own.getCaCertFile().isBlank() && Files.isReadable(Path.of(own.getCaCertFile()))) {
            return base64Pem(read(own.getCaCertFile()));
        }
        return null;
    }

    /** Accepts a PEM or base64 of a PEM; answers base64 of the PEM. */
    static String base64Pem(String value) {
        String v = value.strip();
        if (v.startsWith("-----BEGIN")) {
            return Base64.getEncoder().encodeToString((v + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return v.replaceAll("\\s+", "");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + file, e);
        }
    }
}

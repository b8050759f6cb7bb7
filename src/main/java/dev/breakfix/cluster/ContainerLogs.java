package dev.breakfix.cluster;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The end of a container's log, read with exactly one request ({@code GET .../pods/{pod}/log}), as
 * {@code kubectl logs --tail} does. fabric8's {@code getLog()} first waits for the Pod to be ready with an
 * informer of its own (a LIST and a WATCH per read), which a crashed container never is.
 */
public final class ContainerLogs {

    private ContainerLogs() {
    }

    /**
     * The log text (possibly empty); an answer other than 2xx is thrown as a {@link KubernetesClientException}
     * with the API server's code and message (code 0 when the API server could not be reached).
     */
    public static String tail(KubernetesClient client, String namespace, String pod, String container, boolean previous,
            int lines) {
        String base = client.getMasterUrl().toString();
        String url = (base.endsWith("/") ? base : base + "/") + "api/v1/namespaces/" + encode(namespace) + "/pods/"
                + encode(pod) + "/log?container=" + encode(container) + (previous ? "&previous=true" : "")
                + "&tailLines=" + lines;
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(url).build();
        try {
            HttpResponse<String> response = http.sendAsync(request, String.class)
                    .get(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS);
            if (response.isSuccessful()) {
                return response.body() == null ? "" : response.body();
            }
            throw new KubernetesClientException(status(response), null, response.code(), null, request);
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("cannot read the log of " + namespace + "/" + pod + ": " + e.getMessage(), e,
                    0, null, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while reading a log", e, 0, null, request);
        }
    }

    /** The API server's Status message when the body is one, else the body itself. */
    private static String status(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (body.startsWith("{")) {
            try {
                Status status = Serialization.unmarshal(body, Status.class);
                if (status.getMessage() != null) {
                    return status.getMessage();
                }
            } catch (RuntimeException e) {
                // not a Status: the body as it is
            }
        }
        return body.isBlank() ? "HTTP " + response.code() : body.strip();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}

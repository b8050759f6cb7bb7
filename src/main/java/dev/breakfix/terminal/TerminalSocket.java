package dev.breakfix.terminal;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.Languages;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/**
 * The browser terminal's WebSocket: {@code /learn/terminal/{scenario}}. Only a learner session may open it (the
 * upgrade is refused otherwise, and a connection without a learner is closed with 1008), and the learner is the
 * session's: there is no learner in the path. Binary frames from the browser are keystrokes; text frames are JSON
 * control messages, {@code {"type": "resize", "cols": 120, "rows": 40}}.
 */
@WebSocket(path = "/learn/terminal/{scenario}", endpointId = TerminalSocket.ENDPOINT_ID)
@RolesAllowed(Roles.LEARNER)
public class TerminalSocket {

    public static final String ENDPOINT_ID = "breakfix-terminal";
    /** Close code for a policy violation (RFC 6455). */
    static final int POLICY_VIOLATION = 1008;
    static final int MAX_SIZE = 1000;
    private static final Logger LOG = Logger.getLogger(TerminalSocket.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SecurityIdentity identity;
    @Inject
    Terminals terminals;
    @Inject
    Catalog catalog;

    @OnOpen
    public void open(WebSocketConnection connection, @PathParam("scenario") String scenario) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(Roles.LEARNER)) {
            refuse(connection, "a learner session is required");
            return;
        }
        LearnerId learner;
        try {
            learner = LearnerId.of(identity.getPrincipal().getName());
        } catch (RuntimeException e) {
            refuse(connection, "not a learner");
            return;
        }
        Scenario s = catalog.find(scenario).orElse(null);
        if (s == null) {
            terminals.send(connection, Terminals.message("error", Msg.of("term.noLab").render(language(connection))));
            terminals.close(connection, new CloseReason(4404, "no such lab"));
            return;
        }
        terminals.open(connection, new LabKey(learner, s.id()), language(connection));
    }

    /**
     * The learner's language, from the handshake as for a page: {@code ?lang=}, the language cookie, then
     * Accept-Language. Kept as a value by the session: no request-scoped bean outlives the handshake.
     */
    static Locale language(WebSocketConnection connection) {
        var handshake = connection.handshakeRequest();
        String cookie = null;
        String cookies = handshake.header("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String[] kv = c.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(Languages.COOKIE)) {
                    cookie = kv[1];
                }
            }
        }
        String param = null;
        String query = handshake.query();
        if (query != null) {
            for (String q : query.split("&")) {
                if (q.startsWith(Languages.PARAM + "=")) {
                    param = q.substring(Languages.PARAM.length() + 1);
                }
            }
        }
        return Languages.resolve(param, cookie, handshake.header("Accept-Language"));
    }

    @OnBinaryMessage
    public void keys(WebSocketConnection connection, Buffer keys) {
        terminals.input(connection.id(), keys.getBytes());
    }

    @OnTextMessage
    public void control(WebSocketConnection connection, String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (Exception e) {
            return;
        }
        if (node != null && "resize".equals(node.path("type").asText())) {
            int cols = node.path("cols").asInt(0);
            int rows = node.path("rows").asInt(0);
            if (cols > 0 && rows > 0 && cols <= MAX_SIZE && rows <= MAX_SIZE) {
                terminals.resize(connection.id(), cols, rows);
            }
        }
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        terminals.closed(connection.id());
    }

    @OnError
    public void error(WebSocketConnection connection, Throwable t) {
        LOG.debugf(t, "terminal %s", connection.id());
    }

    private void refuse(WebSocketConnection connection, String why) {
        terminals.close(connection, new CloseReason(POLICY_VIOLATION, why));
    }
}

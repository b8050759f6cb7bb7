package dev.breakfix.terminal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The open terminals of this server: one {@link TerminalSession} per browser connection. */
@ApplicationScoped
public class Terminals {

    private static final Logger LOG = Logger.getLogger(Terminals.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Toolboxes toolboxes;
    private final Map<String, TerminalSession> sessions = new ConcurrentHashMap<>();
    private int openExecs;

    public Terminals(KubernetesClient client, Toolboxes toolboxes) {
        this.client = client;
        this.toolboxes = toolboxes;
    }

    /** A browser connected for the lab: start its terminal on a worker thread (the toolbox may take a while). */
    void open(WebSocketConnection connection, LabKey lab, java.util.Locale locale) {
        TerminalSession session = new TerminalSession(this, connection, lab, toolboxes.acquire(lab.learner()), locale);
        sessions.put(connection.id(), session);
        LOG.debugf("Terminal %s opened for %s", connection.id(), lab.namespace());
        Infrastructure.getDefaultWorkerPool().execute(() -> session.start(client, toolboxes));
    }

    void input(String connectionId, byte[] bytes) {
        TerminalSession s = sessions.get(connectionId);
        if (s != null) {
            s.input(bytes);
        }
    }

    void resize(String connectionId, int cols, int rows) {
        TerminalSession s = sessions.get(connectionId);
        if (s != null) {
            s.resize(cols, rows);
        }
    }

    void closed(String connectionId) {
        TerminalSession s = sessions.get(connectionId);
        if (s != null) {
            s.close();
        }
    }

    void ended(TerminalSession session) {
        sessions.remove(session.id(), session);
        LOG.debugf("Terminal %s closed", session.id());
        changed();
    }

    synchronized void execOpened() {
        openExecs++;
    }

    synchronized void execClosed() {
        openExecs--;
        notifyAll();
    }

    private synchronized void changed() {
        notifyAll();
    }

    /** Open browser terminals. */
    public int sessions() {
        return sessions.size();
    }

    /** Exec connections to toolboxes that are open. */
    public synchronized int openExecs() {
        return openExecs;
    }

    /** Waits (bounded) until no terminal and no exec is open; true when that happened. */
    public synchronized boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!sessions.isEmpty() || openExecs > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return true;
    }

    @PreDestroy
    void closeAll() {
        sessions.values().forEach(TerminalSession::close);
    }

    // ---- to the browser ----

    static String message(String type, String text) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        if (text != null) {
            node.put("message", text);
        }
        return node.toString();
    }

    void send(WebSocketConnection connection, String json) {
        if (connection.isOpen()) {
            connection.sendText(json).subscribe().with(ok -> {
            }, t -> LOG.debugf("terminal message lost: %s", t.getMessage()));
        }
    }

    void close(WebSocketConnection connection, CloseReason reason) {
        if (connection.isOpen()) {
            connection.close(reason).subscribe().with(ok -> {
            }, t -> LOG.debugf("cannot close terminal %s: %s", connection.id(), t.getMessage()));
        }
    }
}

package dev.breakfix.terminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.breakfix.access.AccessUnavailableException;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.access.LearnerHome;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

/**
 * One browser terminal: bridges the browser's WebSocket to an exec with a TTY in the learner's toolbox. Keystrokes
 * (binary frames) go to the exec's stdin, its output goes back as binary frames, resize requests go to the exec's
 * resize channel. Status ({@code {"type": "status" | "ready" | "exit" | "error", ...}}) goes as text frames.
 * Either side closing closes the other.
 */
final class TerminalSession implements ExecListener {

    private static final Logger LOG = Logger.getLogger(TerminalSession.class);
    /** Keystrokes typed while the terminal starts are kept, up to this many bytes. */
    private static final int MAX_PENDING = 64 * 1024;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int EXEC_NONE = 0, EXEC_OPEN = 1, EXEC_DONE = 2;

    private final Terminals terminals;
    private final WebSocketConnection connection;
    private final LabKey lab;
    private final Toolboxes.Lease lease;
    private final AtomicInteger exec = new AtomicInteger(EXEC_NONE);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private ExecWatch watch;
    private boolean closed;
    private int cols = 80;
    private int rows = 24;
    private volatile Integer exitCode;
    /** The learner's language when the terminal was opened: the messages below are in it. */
    private final Locale locale;

    TerminalSession(Terminals terminals, WebSocketConnection connection, LabKey lab, Toolboxes.Lease lease, Locale locale) {
        this.terminals = terminals;
        this.connection = connection;
        this.lab = lab;
        this.lease = lease;
        this.locale = locale;
    }

    String id() {
        return connection.id();
    }

    LabKey lab() {
        return lab;
    }

    /** Starts the toolbox if needed, then the shell; blocks (run it on a worker thread). */
    void start(KubernetesClient client, Toolboxes toolboxes) {
        try {
            status(Msg.of("term.starting"));
            toolboxes.ensureRunning(lab.learner(), this::status);
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            ExecWatch w = client.pods().inNamespace(LearnerHome.namespace(lab.learner())).withName(ToolboxPods.POD)
                    .inContainer(ToolboxPods.CONTAINER)
                    .redirectingInput()
                    .writingOutput(new BrowserOutput())
                    .withTTY()
                    .usingListener(this)
                    .exec(ToolboxPods.terminalCommand(lab.namespace()));
            byte[] typed;
            synchronized (this) {
                if (closed) {
                    w.close();
                    return;
                }
                watch = w;
                w.resize(cols, rows);
                typed = pending.toByteArray();
                pending.reset();
                if (typed.length > 0) {
                    write(w, typed);
                }
            }
            terminals.send(connection, Terminals.message("ready", Msg.of("term.ready", lab.namespace()).render(locale)));
        } catch (ToolboxUnavailableException e) {
            fail(e.message(locale));
        } catch (AccessUnavailableException e) {
            fail(e.getMessage());
        } catch (KubernetesClientException e) {
            LOG.warnf("Terminal of %s on %s: %s", lab.learner().id(), lab.namespace(), e.getMessage());
            fail(Msg.of("term.refused", String.valueOf(e.getMessage())).render(locale));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Terminal of %s on %s failed", lab.learner().id(), lab.namespace());
            fail(Msg.of("term.failed", String.valueOf(e.getMessage())).render(locale));
        }
    }

    /** Keystrokes from the browser. */
    void input(byte[] bytes) {
        ExecWatch w;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (watch == null) {
                if (pending.size() + bytes.length <= MAX_PENDING) {
                    pending.writeBytes(bytes);
                }
                return;
            }
            w = watch;
        }
        write(w, bytes);
    }

    private void write(ExecWatch w, byte[] bytes) {
        try {
            OutputStream in = w.getInput();
            in.write(bytes);
            in.flush();
        } catch (IOException | KubernetesClientException e) {
            LOG.debugf("cannot write to the terminal of %s: %s", lab.namespace(), e.getMessage());
        }
    }

    /** The browser's terminal size, in characters. */
    void resize(int newCols, int newRows) {
        ExecWatch w;
        synchronized (this) {
            cols = newCols;
            rows = newRows;
            w = watch;
        }
        if (w != null) {
            try {
                w.resize(newCols, newRows);
            } catch (KubernetesClientException e) {
                LOG.debugf("cannot resize the terminal of %s: %s", lab.namespace(), e.getMessage());
            }
        }
    }

    /** The browser went away (or the server closes the connection): end the exec and let the toolbox idle. */
    void close() {
        ExecWatch w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            w = watch;
            watch = null;
        }
        try {
            if (w != null) {
                w.close();
            }
        } finally {
            lease.close();
            terminals.ended(this);
        }
    }

    private void fail(String message) {
        terminals.send(connection, Terminals.message("error", message));
        terminals.close(connection, new CloseReason(1011, truncate(message)));
    }

    private void status(Msg message) {
        terminals.send(connection, Terminals.message("status", message.render(locale)));
    }

    // ---- the exec's side ----

    @Override
    public void onOpen() {
        if (exec.compareAndSet(EXEC_NONE, EXEC_OPEN)) {
            terminals.execOpened();
        }
    }

    @Override
    public void onExit(int code, Status status) {
        exitCode = code;
    }

    @Override
    public void onFailure(Throwable t, Response failureResponse) {
        LOG.debugf(t, "exec of terminal %s failed", connection.id());
        execDone();
        if (!isClosed()) {
            fail(Msg.of("term.broke", String.valueOf(t.getMessage())).render(locale));
        }
    }

    @Override
    public void onClose(int code, String reason) {
        LOG.debugf("exec of terminal %s closed: %s %s", connection.id(), code, reason);
        execDone();
        if (!isClosed()) {
            Integer exit = exitCode;
            terminals.send(connection, Terminals.message("exit", exit == null ? "The shell ended." : "The shell ended (exit code " + exit + ")."));
            terminals.close(connection, new CloseReason(1000, "shell ended"));
        }
    }

    private void execDone() {
        if (exec.compareAndSet(EXEC_OPEN, EXEC_DONE)) {
            terminals.execClosed();
        } else {
            exec.compareAndSet(EXEC_NONE, EXEC_DONE);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private static String truncate(String s) {
        // a close frame's reason has at most 123 bytes
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        while (one.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 120) {
            one = one.substring(0, one.length() - 2);
        }
        return one;
    }

    /** The exec's output, sent to the browser as binary frames; waits for each send (back-pressure). */
    private final class BrowserOutput extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (!connection.isOpen()) {
                LOG.debugf("terminal %s: output after the browser closed", connection.id());
                throw new IOException("the browser closed the terminal");
            }
            Buffer frame = Buffer.buffer(Arrays.copyOfRange(b, off, off + len));
            try {
                if (Context.isOnEventLoopThread()) {
                    connection.sendBinary(frame).subscribe().with(ok -> {
                    }, t -> LOG.debugf("terminal output lost: %s", t.getMessage()));
                } else {
                    connection.sendBinary(frame).await().atMost(SEND_TIMEOUT);
                }
            } catch (RuntimeException e) {
                LOG.debugf("terminal %s: cannot send to the browser: %s", connection.id(), e.getMessage());
                throw new IOException("cannot send to the browser: " + e.getMessage(), e);
            }
        }
    }
}

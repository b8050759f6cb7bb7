package dev.breakfix.terminal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.breakfix.web.session.LearnerSessions;

/**
 * A browser's side of the terminal, on the JDK's WebSocket client: collects the shell's output and the status
 * messages, and waits for them with bounded waits (woken by what arrives, never by sleeping).
 */
public final class TerminalClient implements WebSocket.Listener, AutoCloseable {

    private final StringBuilder output = new StringBuilder();
    private final List<String> texts = new ArrayList<>();
    private final ByteArrayOutputStream binaryPart = new ByteArrayOutputStream();
    private final StringBuilder textPart = new StringBuilder();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    /** Opens {@code /learn/terminal/{scenario}} with the learner's session cookie (and an Origin, when given). */
    public static TerminalClient open(HttpClient http, URI base, String scenario, String cookie, String origin) throws Exception {
        TerminalClient client = new TerminalClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", LearnerSessions.COOKIE + "=" + cookie);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/learn/terminal/" + scenario);
        client.socket = builder.buildAsync(uri, client).get(20, TimeUnit.SECONDS);
        return client;
    }

    public void type(String keys) {
        socket.sendBinary(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    public void resize(int cols, int rows) {
        socket.sendText("{\"type\":\"resize\",\"cols\":" + cols + ",\"rows\":" + rows + "}", true).join();
    }

    /** Closes from the browser's side and waits for the server's close. */
    public int closeAndWait(Duration timeout) throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized String output() {
        return output.toString();
    }

    public synchronized List<String> texts() {
        return List.copyOf(texts);
    }

    /** Waits until the output contains {@code text}; false on timeout. */
    public synchronized boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!output.toString().contains(text)) {
            long left = end - System.nanoTime();
            if (left <= 0 || closed.isDone()) {
                return output.toString().contains(text);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits for a status message of {@code type} ({@code "ready"}, {@code "exit"}, ...); returns it or null. */
    public synchronized String awaitMessage(String type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String found = message(type);
            long left = end - System.nanoTime();
            // messages arrive before the close frame: once closed, nothing more will come
            if (found != null || left <= 0 || closed.isDone()) {
                return found;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private String message(String type) {
        return texts.stream().filter(t -> t.contains("\"type\":\"" + type + "\"")).findFirst().orElse(null);
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binaryPart.writeBytes(bytes);
        if (last) {
            output.append(binaryPart.toString(StandardCharsets.UTF_8));
            binaryPart.reset();
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        textPart.append(data);
        if (last) {
            texts.add(textPart.toString());
            textPart.setLength(0);
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        notifyAll();
        return null;
    }

    @Override
    public synchronized void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
        notifyAll();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.abort();
        }
    }
}

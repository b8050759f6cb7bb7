package dev.breakfix.web.asciidoc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.jboss.logging.Logger;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.LabLanguages;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.web.WebConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The lab texts as HTML. Asciidoctor (JRuby) takes seconds to boot, so every lab is rendered once, on a
 * background thread at start-up, in {@link SafeMode#SECURE} (no includes, no access to files) and with
 * each learner-specific attribute set to a placeholder token. A learner's page then only replaces the
 * tokens with the learner's own values, HTML-escaped. A page asked for before the warm-up is done waits
 * for it (bounded) instead of rendering a second time.
 */
@ApplicationScoped
public class LabTexts {

    private static final Logger LOG = Logger.getLogger(LabTexts.class);
    static final long WAIT_SECONDS = 120;

    private final Catalog catalog;
    private final WebConfig config;
    /** Each lab text by scenario and language, English ones first: a page waits only for its own. */
    private final Map<String, CompletableFuture<String>> rendered = new LinkedHashMap<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Asciidoctor asciidoctor;

    public LabTexts(Catalog catalog, WebConfig config) {
        this.catalog = catalog;
        this.config = config;
        for (String language : LabLanguages.ALL) {
            for (Scenario s : catalog.all()) {
                if (s.hasLanguage(language)) {
                    rendered.put(key(s.id(), language), new CompletableFuture<>());
                }
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (config.warmUp()) {
            warmUp();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (done.isDone()) {
            shutdownAsciidoctor();
        }
    }

    /** Starts rendering every lab text on a background thread, once. */
    public void warmUp() {
        if (started.compareAndSet(false, true)) {
            Thread thread = new Thread(this::renderAll, "breakfix-asciidoc-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void renderAll() {
        long begun = System.nanoTime();
        try {
            Asciidoctor a = Asciidoctor.Factory.create();
            asciidoctor = a;
            for (Map.Entry<String, CompletableFuture<String>> e : rendered.entrySet()) {
                String[] key = e.getKey().split("/", 2);
                e.getValue().complete(render(a, catalog.get(key[0]).in(key[1]).lab()));
            }
            done.complete(null);
            LOG.infof("Rendered %d lab texts in %d ms", rendered.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
        } catch (RuntimeException | LinkageError e) {
            if (stopping) {
                LOG.debugf("Lab texts not rendered: the server stopped first (%s)", e.getMessage());
            } else {
                LOG.error("Cannot render the lab texts", e);
            }
            rendered.values().forEach(f -> f.completeExceptionally(e));
            done.completeExceptionally(e);
        } finally {
            if (stopping) {
                shutdownAsciidoctor();
            }
        }
    }

    private synchronized void shutdownAsciidoctor() {
        Asciidoctor a = asciidoctor;
        asciidoctor = null;
        if (a != null) {
            a.shutdown();
        }
    }

    static String render(Asciidoctor asciidoctor, String source) {
        var builder = Attributes.builder();
        LabAttributes.tokens().forEach(builder::attribute);
        Attributes attributes = builder.build();
        Options options = Options.builder()
                .safe(SafeMode.SECURE)
                .standalone(false)
                .attributes(attributes)
                .build();
        return asciidoctor.convert(source, options);
    }

    /** True once every lab text is rendered. */
    public boolean ready() {
        return done.isDone() && !done.isCompletedExceptionally();
    }

    private static String key(String scenario, String language) {
        return scenario + "/" + language;
    }

    /** The English lab text of {@code scenario}; see {@link #html(String, String, Map)}. */
    public Optional<String> html(String scenario, Map<String, String> values) {
        return html(scenario, LabLanguages.ENGLISH, values);
    }

    /**
     * The lab text of {@code scenario} in {@code language} (English where it has none) with {@code values}
     * (attribute name to raw value) filled in, HTML-escaped. Empty when the texts are still not rendered after
     * a bounded wait, or could not be.
     */
    public Optional<String> html(String scenario, String language, Map<String, String> values) {
        warmUp();
        CompletableFuture<String> text = rendered.get(key(scenario, LabLanguages.supported(language)));
        if (text == null) {
            text = rendered.get(key(scenario, LabLanguages.ENGLISH));
        }
        if (text == null) {
            return Optional.empty();
        }
        String html;
        try {
            html = text.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(fill(html, values));
    }

    /** Replaces each attribute's token with its value, HTML-escaped; attributes without a value keep their name. */
    static String fill(String html, Map<String, String> values) {
        String out = html;
        for (String name : LabAttributes.NAMES) {
            String token = LabAttributes.token(name);
            if (out.contains(token)) {
                String value = values.get(name);
                out = out.replace(token, escape(value == null ? "{" + name + "}" : value));
            }
        }
        return out;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

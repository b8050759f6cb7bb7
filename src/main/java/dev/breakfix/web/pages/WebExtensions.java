package dev.breakfix.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.breakfix.diagnosis.KubectlStatus;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import dev.breakfix.web.i18n.Messages;
import dev.breakfix.web.i18n.Msg;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/** View-only values derived for the templates: tones for states, relative times, plurals, inline code. */
@TemplateExtension
public class WebExtensions {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Set<String> WAITING = Set.of("Pending", "ContainerCreating", "PodInitializing", "Terminating",
            "NotReady");

    private WebExtensions() {
    }

    /** {@code ok}, {@code wait} or {@code bad}: the colour of a STATUS column value. */
    static String tone(KubectlStatus k) {
        return statusTone(k.status(), k.ready());
    }

    static String statusTone(String status, String ready) {
        if ("Running".equals(status)) {
            String[] parts = ready == null ? new String[0] : ready.split("/");
            return parts.length == 2 && parts[0].equals(parts[1]) ? "ok" : "wait";
        }
        if ("Completed".equals(status)) {
            return "ok";
        }
        if (status == null || WAITING.contains(status) || status.startsWith("Init:") && !status.contains("Err")
                && !status.contains("BackOff")) {
            return "wait";
        }
        return "bad";
    }

    /** The colour of a diagnosis. */
    static String tone(PodDiagnosis d) {
        PodState s = d.state();
        return switch (s) {
            case Running, Completed -> "ok";
            case ContainerCreating, Terminating, RunningNotReady -> "wait";
            default -> "bad";
        };
    }

    /**
     * The text, HTML-escaped, with {@code `code`} spans as {@code <code>}: how hints, advice and check
     * messages mark commands.
     */
    static RawString codeSpans(String text) {
        if (text == null) {
            return new RawString("");
        }
        String escaped = escape(text);
        Matcher m = CODE.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        }
        m.appendTail(out);
        return new RawString(out.toString());
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

    /** "just now", "5 minutes ago", "yesterday", ... in the template's language. */
    static String ago(Instant then, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return ago(then, Messages.of(locale instanceof Locale l ? l : locale == null ? null : Locale.forLanguageTag(locale.toString())));
    }

    /** "just now", "5 minutes ago", "yesterday", ... in the language of {@code msg}. */
    public static String ago(Instant then, Msg msg) {
        if (then == null) {
            return "";
        }
        long s = Math.max(0, Duration.between(then, Instant.now()).getSeconds());
        if (s < 45) {
            return msg.agoNow();
        }
        if (s < 90) {
            return msg.agoMinute();
        }
        if (s < 3600) {
            return msg.agoMinutes((s + 30) / 60);
        }
        if (s < 5400) {
            return msg.agoHour();
        }
        if (s < 86400) {
            return msg.agoHours((s + 1800) / 3600);
        }
        long days = (s + 43200) / 86400;
        return days <= 1 ? msg.agoYesterday() : msg.agoDays(days);
    }

    static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }

    static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    static String plural(Long n, String one, String many) {
        return n != null && n == 1 ? one : many;
    }

    static long percentOf(long part, int whole) {
        return whole <= 0 ? 0 : Math.round(100.0 * part / whole);
    }

    static String url(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** Up to two initials for an avatar: "Ada Lovelace" → "AL". */
    static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = name.strip().split("[\\s._@-]+");
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty() && b.length() < 2) {
                b.appendCodePoint(w.codePointAt(0));
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}

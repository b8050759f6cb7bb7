package dev.breakfix.web.pages;

/** A container's log, or why there is none yet. */
public record LogView(String pod, String container, boolean previous, String text, String note) {

    public boolean empty() {
        return text == null || text.isEmpty();
    }

    /** The kubectl command that shows the same. */
    public String command(String namespace) {
        return "kubectl -n " + namespace + " logs " + pod + " -c " + container + (previous ? " --previous" : "");
    }
}

package dev.breakfix.preflight;

/**
 * One item of the checklist.
 *
 * @param id     stable id, e.g. {@code images} or {@code self-test-crasher}
 * @param title  what is checked, in a few words
 * @param status {@code pending}, {@code running}, {@code pass}, {@code warn} or {@code fail}
 * @param detail what was found
 * @param fix    what to do about it; null when nothing needs doing
 */
public record PreflightCheck(String id, String title, String status, String detail, String fix) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String PASS = "pass";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";

    static PreflightCheck pending(String id, String title) {
        return new PreflightCheck(id, title, PENDING, null, null);
    }

    PreflightCheck running(String detail) {
        return new PreflightCheck(id, title, RUNNING, detail, null);
    }

    PreflightCheck pass(String detail) {
        return new PreflightCheck(id, title, PASS, detail, null);
    }

    PreflightCheck warn(String detail, String fix) {
        return new PreflightCheck(id, title, WARN, detail, fix);
    }

    PreflightCheck fail(String detail, String fix) {
        return new PreflightCheck(id, title, FAIL, detail, fix);
    }

    boolean finished() {
        return PASS.equals(status) || WARN.equals(status) || FAIL.equals(status);
    }
}

package dev.breakfix.diagnosis;

/** Linux signal names, and the exit codes ({@code 128 + n}) of processes a signal killed. */
final class Signals {

    private static final String[] NAMES = {null,
        "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private Signals() {
    }

    /** The signal's name, or null when {@code number} is not a known signal. */
    static String name(int number) {
        return number > 0 && number < NAMES.length ? NAMES[number] : null;
    }

    /**
     * The signal that ended a container: the runtime's own report when it gives one, else the signal the
     * exit code stands for (139 = 128 + 11: SIGSEGV); null for an ordinary exit.
     */
    static String of(Integer exitCode, Integer signal) {
        if (signal != null && signal > 0) {
            return name(signal);
        }
        return exitCode != null && exitCode > 128 ? name(exitCode - 128) : null;
    }

    /** {@code exit code 139 (SIGSEGV)}, or {@code exit code 1} when {@code signal} (a name) is null. */
    static String describeExit(int exitCode, String signal) {
        return "exit code " + exitCode + (signal == null ? "" : " (" + signal + ")");
    }
}

package dev.breakfix.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.breakfix.testing.FakeRegistry.Program;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * What a container does once started: keeps running, or exits with a code. Pure: decided from the
 * image's program, the container's command/args (which replace the image's ENTRYPOINT/CMD as
 * Kubernetes does) and its resolved environment.
 */
final class ContainerProgram {

    sealed interface Outcome {
        /** The process keeps running. */
        record Runs() implements Outcome {
        }

        /** The process ends at once with this exit code. */
        record Exits(int code) implements Outcome {
            String reason() {
                return code == 0 ? "Completed" : "Error";
            }
        }
    }

    private static final Pattern EXIT = Pattern.compile("(?:^|[;&|\\s])exit\\s+(\\d+)");
    private static final Pattern LONG_RUNNING = Pattern.compile(
            "sleep\\s+(?!0(?:\\s|$|;))\\S+|while\\s+(true|:)|tail\\s+-f|nginx|gdbserver");

    private ContainerProgram() {
    }

    static Outcome run(Program program, Container container, Map<String, String> env) {
        List<String> command = nonNull(container.getCommand());
        List<String> args = nonNull(container.getArgs());
        List<String> argv = new ArrayList<>(command.isEmpty() ? program.entrypoint : command);
        argv.addAll(!args.isEmpty() ? args : command.isEmpty() ? program.cmd : List.of());
        boolean interactive = Boolean.TRUE.equals(container.getStdin()) && Boolean.TRUE.equals(container.getTty());
        return exec(argv, program, env, interactive);
    }

    /** Whether the readiness probe succeeds: an exec probe of {@code false} (or {@code exit 1}) fails. */
    static boolean readinessPasses(Container container) {
        Probe probe = container.getReadinessProbe();
        if (probe == null || probe.getExec() == null) {
            return true;
        }
        Outcome outcome = exec(nonNull(probe.getExec().getCommand()), Program.BUSYBOX, Map.of(), false);
        return outcome instanceof Outcome.Exits exits && exits.code() == 0;
    }

    private static Outcome exec(List<String> argv, Program program, Map<String, String> env, boolean interactive) {
        if (argv.isEmpty()) {
            return new Outcome.Exits(0);
        }
        String executable = argv.get(0);
        String base = executable.substring(executable.lastIndexOf('/') + 1);
        List<String> rest = argv.subList(1, argv.size());
        return switch (base) {
            case "docker-entrypoint.sh", "docker-entrypoint" -> exec(rest, program, env, interactive);
            case "sleep", "nginx", "gdbserver" -> new Outcome.Runs();
            case "true" -> new Outcome.Exits(0);
            case "false" -> new Outcome.Exits(1);
            case "crasher" -> new Outcome.Exits(139);
            case "postgres" -> program != Program.POSTGRES || passwordGiven(env) ? new Outcome.Runs() : new Outcome.Exits(1);
            case "kubectl" -> rest.contains("proxy") || rest.contains("-w") || rest.contains("--watch")
                    ? new Outcome.Runs() : new Outcome.Exits(0);
            case "sh", "bash", "ash" -> {
                int c = rest.indexOf("-c");
                yield c >= 0 && c + 1 < rest.size() ? shell(rest.get(c + 1))
                        : interactive ? new Outcome.Runs() : new Outcome.Exits(0);
            }
            case "tail", "cat" -> rest.contains("-f") || interactive ? new Outcome.Runs() : new Outcome.Exits(0);
            default -> new Outcome.Runs();
        };
    }

    private static Outcome shell(String script) {
        if (LONG_RUNNING.matcher(script).find()) {
            return new Outcome.Runs();
        }
        Matcher exit = EXIT.matcher(script);
        if (exit.find()) {
            return new Outcome.Exits(Integer.parseInt(exit.group(1)));
        }
        String first = script.strip().split("[\\s;&|]+", 2)[0];
        return new Outcome.Exits(first.equals("false") ? 1 : 0);
    }

    /** The check postgres's docker-entrypoint.sh makes before it starts an uninitialised database. */
    private static boolean passwordGiven(Map<String, String> env) {
        String password = env.get("POSTGRES_PASSWORD");
        return password != null && !password.isEmpty() || "trust".equals(env.get("POSTGRES_HOST_AUTH_METHOD"));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}

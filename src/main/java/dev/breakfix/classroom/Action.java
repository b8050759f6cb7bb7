package dev.breakfix.classroom;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.breakfix.api.BadRequestException;

/**
 * What a bulk operation does to each lab of its selection. Every action can be repeated safely; what it does
 * with a lab that is already in the state it aims for:
 * <ul>
 * <li>{@code start}: injects the broken scenario; a lab that already runs is <em>skipped</em> (left as it is,
 * progress kept).</li>
 * <li>{@code reset}: gives back the exact broken state; a lab that was never started is <em>skipped</em> (a reset
 * does not create labs; use {@code start} for that).</li>
 * <li>{@code solve}: applies the chapter's solution; a lab not started is skipped, and so is a lab whose workload
 * already passes every check (solving it again would only restart its Pod and its stability window).</li>
 * <li>{@code delete}: removes the lab's namespace, its node-reader binding and the learner's node label; a lab
 * that does not exist, or is already being deleted, is skipped.</li>
 * </ul>
 */
public enum Action {
    START, RESET, SOLVE, DELETE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named in a request; 400 for anything else. */
    public static Action parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("an action is required: one of " + names());
        }
        return Arrays.stream(values()).filter(a -> a.id().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new BadRequestException("unknown action '" + text + "': use one of " + names()));
    }

    private static String names() {
        return Arrays.stream(values()).map(Action::id).collect(Collectors.joining(", "));
    }
}

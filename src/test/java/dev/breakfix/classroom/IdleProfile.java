package dev.breakfix.classroom;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Idle clean-up on: labs idle for more than an hour go, looked for every second, on a clock the test moves. */
public class IdleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "breakfix.classroom.idle-timeout", "1h",
                "breakfix.classroom.idle-check-interval", "1s",
                "breakfix.classroom.requests-per-second", "1000",
                "breakfix.web.join-code", ClassroomProfile.JOIN_CODE,
                "breakfix.web.session-secret", "classroom-test-session-secret-0123456789",
                "quarkus.http.test-port", "0");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(IdleTestClock.class);
    }
}

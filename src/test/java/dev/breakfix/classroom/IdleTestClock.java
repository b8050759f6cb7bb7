package dev.breakfix.classroom;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.breakfix.testing.MutableClock;

/**
 * The app's clock for {@link IdleProfile}: a {@link MutableClock} that starts at the real time (the mock API server
 * stamps objects with the real time) and moves only when the test moves it. Selected by that profile alone.
 */
@Alternative
@ApplicationScoped
public class IdleTestClock {

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}

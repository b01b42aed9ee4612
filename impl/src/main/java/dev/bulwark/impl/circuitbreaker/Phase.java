package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.api.CircuitState;
import java.util.concurrent.atomic.AtomicInteger;

/** One phase of the breaker's life; immutable but for the counters that belong to it. */
final class Phase {
    final CircuitState state;
    final long since;
    final FailureWindow window; // CLOSED only
    final AtomicInteger admitted; // HALF_OPEN only
    final AtomicInteger successes; // HALF_OPEN only

    Phase(CircuitState state, long since, FailureWindow window) {
        this.state = state;
        this.since = since;
        this.window = window;
        boolean halfOpen = state == CircuitState.HALF_OPEN;
        this.admitted = halfOpen ? new AtomicInteger() : null;
        this.successes = halfOpen ? new AtomicInteger() : null;
    }
}

package dev.bulwark.examples;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every state change of the watched breakers, as it happens. The table samples states once a tick and would miss
 * a breaker that went HALF_OPEN and back within one; the checks and the summary need the whole story.
 */
final class BreakerLog {

    private final List<Transition> transitions = new ArrayList<>();
    private final long startNanos;
    private final Supplier<Phase> phase;

    private BreakerLog(long startNanos, Supplier<Phase> phase) {
        this.startNanos = startNanos;
        this.phase = phase;
    }

    /** Starts recording those of the breakers named {@code names} that exist. */
    static BreakerLog watch(List<String> names, long startNanos, Supplier<Phase> phase) {
        BreakerLog log = new BreakerLog(startNanos, phase);
        for (String name : names) {
            CircuitBreakerMaintenance.get().find(name).ifPresent(handle -> handle.onStateChange(log::record));
        }
        return log;
    }

    private void record(String breaker, CircuitState from, CircuitState to) {
        Transition t = new Transition(breaker, from, to, Duration.ofNanos(System.nanoTime() - startNanos),
                phase.get());
        synchronized (transitions) {
            transitions.add(t);
        }
    }

    List<Transition> transitions() {
        synchronized (transitions) {
            return List.copyOf(transitions);
        }
    }
}

package dev.bulwark.cdi.metrics;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;

/** Time a breaker spent in each of the spec's three states; an operator's forced state counts as its plain one. */
final class BreakerTime {

    private BreakerTime() {
    }

    /** Nanoseconds in {@code FtMetric.BREAKER_STATES[index]}: closed, open, halfOpen. */
    static long nanos(CircuitBreaker breaker, int index) {
        return switch (index) {
            case 0 -> breaker.nanosIn(CircuitState.CLOSED) + breaker.nanosIn(CircuitState.FORCED_CLOSED);
            case 1 -> breaker.nanosIn(CircuitState.OPEN) + breaker.nanosIn(CircuitState.FORCED_OPEN);
            default -> breaker.nanosIn(CircuitState.HALF_OPEN);
        };
    }

    /** Whether the breaker is now in {@code state} (CLOSED, OPEN or HALF_OPEN; a forced state shows as its plain one). */
    static boolean shows(CircuitBreaker breaker, CircuitState state) {
        CircuitState now = switch (breaker.state()) {
            case FORCED_CLOSED -> CircuitState.CLOSED;
            case FORCED_OPEN -> CircuitState.OPEN;
            default -> breaker.state();
        };
        return now == state;
    }
}

package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The circuit breaker as a gate: the breaker's permit is the phase that admitted the attempt, its mark the start
 * time the slow-call rule needs. An attempt that never reached the downstream is not an outcome: given up before it
 * started, its trial slot goes back; refused by the rate limit inside, it counts only as failOn says.
 *
 * <p>Its series: {@code ft.circuitbreaker.calls.total} by {@code circuitBreakerResult} ({@code success},
 * {@code failure}, {@code circuitBreakerOpen}, and Bulwark's {@code slowCall} for a call that returned but was
 * recorded as slow, only when the breaker judges slowness: such a call is counted there instead of under
 * {@code success}, so the results still add up to the calls); {@code ft.circuitbreaker.opened.total};
 * {@code ft.circuitbreaker.state.total}, the time spent in each {@code state} (an operator's forced state counts as
 * its plain one); and {@link #STATE_CURRENT}.
 */
public final class BreakerGate extends Gate {

    /**
     * Not in the spec: 1 for the state the breaker is in, 0 for the others; SmallRye FT's Micrometer dashboards read
     * it, so only the Micrometer provider publishes it.
     */
    public static final String STATE_CURRENT = "ft.circuitbreaker.state.current";
    private static final String CALLS = "ft.circuitbreaker.calls.total";
    private static final String[] STATES = {"closed", "open", "halfOpen"};
    private static final CircuitState[] SHOWN = {CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN};

    private final CircuitBreaker breaker;
    private final String name;
    private final Runnable successes;
    private final Runnable failures;
    private final Runnable rejections;
    private final Runnable slowCalls;

    public BreakerGate(CircuitBreaker breaker, MetricsRecorder metrics, String name) {
        this.breaker = breaker;
        this.name = name;
        this.successes = metrics.counter(CALLS, "circuitBreakerResult", "success");
        this.failures = metrics.counter(CALLS, "circuitBreakerResult", "failure");
        this.rejections = metrics.counter(CALLS, "circuitBreakerResult", "circuitBreakerOpen");
        this.slowCalls = breaker.spec().slowCallNanos() > 0 ? metrics.counter(CALLS, "circuitBreakerResult", "slowCall")
                : MetricsRecorder.NOTHING;
        for (int s = 0; s < STATES.length; s++) {
            CircuitState state = SHOWN[s];
            metrics.timeGauge("ft.circuitbreaker.state.total", () -> nanosIn(breaker, state), "state", STATES[s]);
            metrics.gauge(STATE_CURRENT, () -> shown(breaker) == state ? 1 : 0, "state", STATES[s]);
        }
        Runnable opened = metrics.counter("ft.circuitbreaker.opened.total");
        if (metrics.enabled()) {
            breaker.onStateChange((breakerName, from, to) -> {
                if (to == CircuitState.OPEN) {
                    opened.run();
                }
            });
        }
    }

    /** Time in {@code state} (CLOSED, OPEN or HALF_OPEN), its forced twin's included. */
    private static long nanosIn(CircuitBreaker breaker, CircuitState state) {
        return switch (state) {
            case CLOSED -> breaker.nanosIn(CircuitState.CLOSED) + breaker.nanosIn(CircuitState.FORCED_CLOSED);
            case OPEN -> breaker.nanosIn(CircuitState.OPEN) + breaker.nanosIn(CircuitState.FORCED_OPEN);
            default -> breaker.nanosIn(state);
        };
    }

    /** The state the breaker shows: a forced state as its plain one. */
    private static CircuitState shown(CircuitBreaker breaker) {
        return switch (breaker.state()) {
            case FORCED_CLOSED -> CircuitState.CLOSED;
            case FORCED_OPEN -> CircuitState.OPEN;
            default -> breaker.state();
        };
    }

    @Override
    public Object enter() {
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            rejections.run();
            throw new CircuitBreakerOpenException(name);
        }
        return permit;
    }

    @Override
    public long mark() {
        return breaker.startTime();
    }

    @Override
    public Throwable exit(Object permit, long started, Throwable failure, Passage passage) {
        if (passage == Passage.NOT_STARTED) {
            breaker.release(permit);
            return failure;
        }
        if (passage == Passage.REFUSED && failure instanceof RateLimitException refusal) {
            if (breaker.onRateLimited(permit, refusal)) {
                failures.run();
            }
            return failure;
        }
        if (failure == null) {
            boolean slow = breaker.onSuccess(permit, started);
            (slow ? slowCalls : successes).run();
            return null;
        }
        boolean failed = breaker.onOutcome(permit, failure, started);
        (failed ? failures : successes).run();
        return failure;
    }
}

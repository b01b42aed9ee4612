package dev.bulwark.impl.circuitbreaker;

import static dev.bulwark.impl.Preconditions.atLeast;
import static dev.bulwark.impl.Preconditions.between;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.exception.ExceptionMatcher;
import java.util.List;

/**
 * Immutable circuit-breaker settings, validated at construction.
 *
 * @param name the name it is registered under for operators, or null for an anonymous breaker
 * @param requestVolumeThreshold size of the rolling window, >= 1
 * @param failureRatio failures / window size at which a full window opens the breaker, 0..1
 * @param consecutiveFailures if > 0, open after this many failures in a row instead of using the window
 * @param delayNanos time spent OPEN before trial calls are admitted, >= 0
 * @param successThreshold successful trial calls in HALF_OPEN that close the breaker, >= 1
 * @param failOn which failures count as failures (failOn included, skipOn excluded)
 * @param listeners told of every state change
 */
public record CircuitBreakerSpec(
        String name,
        int requestVolumeThreshold,
        double failureRatio,
        int consecutiveFailures,
        long delayNanos,
        int successThreshold,
        ExceptionMatcher failOn,
        List<CircuitStateListener> listeners) {

    public CircuitBreakerSpec {
        atLeast(requestVolumeThreshold, 1, "requestVolumeThreshold");
        between(failureRatio, 0, 1, "failureRatio");
        atLeast(consecutiveFailures, 0, "consecutiveFailures");
        atLeast(delayNanos, 0, "delay");
        atLeast(successThreshold, 1, "successThreshold");
        notNull(failOn, "failOn");
        listeners = List.copyOf(listeners);
    }

    /** The spec's breaker: ratio over a count-based window, no name, no listeners. */
    public static CircuitBreakerSpec of(int requestVolumeThreshold, double failureRatio, long delayNanos,
            int successThreshold, ExceptionMatcher failOn) {
        return new CircuitBreakerSpec(null, requestVolumeThreshold, failureRatio, 0, delayNanos, successThreshold,
                failOn, List.of());
    }
}

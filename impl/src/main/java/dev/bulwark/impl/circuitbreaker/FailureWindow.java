package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.impl.time.Clock;

/**
 * Decides, from the outcomes recorded while CLOSED, when the breaker should open. One instance lives in one
 * CLOSED state; a new CLOSED state gets a fresh window, so a window is never reset in place.
 */
interface FailureWindow {

    /**
     * Records one outcome.
     *
     * @return true when this outcome makes the breaker trip
     */
    boolean record(boolean failure);

    /** Records one outcome that may also have been slow; windows that do not judge slowness ignore it. */
    default boolean record(boolean failure, boolean slow) {
        return record(failure);
    }

    static FailureWindow of(CircuitBreakerSpec spec, Clock clock) {
        if (spec.windowNanos() > 0) {
            return new TimeWindow(spec, clock);
        }
        FailureWindow failures = spec.consecutiveFailures() > 0
                ? new ConsecutiveFailures(spec.consecutiveFailures())
                : new CountWindow(spec.requestVolumeThreshold(), spec.failureRatio());
        if (spec.slowCallNanos() > 0) {
            return new SlowCallsToo(failures, new CountWindow(spec.requestVolumeThreshold(), spec.slowCallRatio()));
        }
        return failures;
    }
}

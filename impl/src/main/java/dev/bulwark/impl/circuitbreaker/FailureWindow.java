package dev.bulwark.impl.circuitbreaker;

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

    static FailureWindow of(CircuitBreakerSpec spec) {
        return spec.consecutiveFailures() > 0
                ? new ConsecutiveFailures(spec.consecutiveFailures())
                : new CountWindow(spec.requestVolumeThreshold(), spec.failureRatio());
    }
}

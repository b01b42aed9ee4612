package dev.bulwark.impl.circuitbreaker;

/**
 * A failure window beside a count window of slow calls (the last requestVolumeThreshold calls, slow ones marked):
 * the breaker trips when either does.
 */
final class SlowCallsToo implements FailureWindow {

    private final FailureWindow failures;
    private final CountWindow slowCalls;

    SlowCallsToo(FailureWindow failures, CountWindow slowCalls) {
        this.failures = failures;
        this.slowCalls = slowCalls;
    }

    @Override
    public boolean record(boolean failure) {
        return record(failure, false);
    }

    @Override
    public boolean record(boolean failure, boolean slow) {
        boolean tripped = failures.record(failure);
        return slowCalls.record(slow) || tripped;
    }
}

package dev.bulwark.impl.circuitbreaker;

import java.util.concurrent.atomic.AtomicInteger;

/** Trips after {@code threshold} failures in a row; a success starts the count again. */
final class ConsecutiveFailures implements FailureWindow {

    private final int threshold;
    private final AtomicInteger run = new AtomicInteger();

    ConsecutiveFailures(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public boolean record(boolean failure) {
        if (!failure) {
            if (run.get() != 0) {
                run.set(0);
            }
            return false;
        }
        return run.incrementAndGet() >= threshold;
    }
}

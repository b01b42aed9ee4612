package dev.bulwark.impl.timeout;

import dev.bulwark.impl.Checks;

/**
 * @param timeoutNanos how long one attempt may take, >= 0; 0 means no timeout
 */
public record TimeoutSpec(long timeoutNanos) {

    public TimeoutSpec {
        Checks c = new Checks();
        c.atLeast(timeoutNanos, 0, "timeout");
        c.done();
    }
}

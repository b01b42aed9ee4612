package dev.bulwark.impl.timeout;

import static dev.bulwark.impl.Preconditions.atLeast;

/**
 * @param timeoutNanos how long one attempt may take, >= 0; 0 means no timeout
 */
public record TimeoutSpec(long timeoutNanos) {

    public TimeoutSpec {
        atLeast(timeoutNanos, 0, "timeout");
    }
}

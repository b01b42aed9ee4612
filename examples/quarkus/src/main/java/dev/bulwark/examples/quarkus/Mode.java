package dev.bulwark.examples.quarkus;

import java.time.Duration;

/**
 * How the simulated downstream behaves. Failures are decided by counting attempts ("every third attempt fails"),
 * not by a random number generator, so the story is the same on every run and the smoke test cannot flake.
 */
public enum Mode {
    /** Every attempt answers quickly. */
    HEALTHY(0, Duration.ofMillis(10)),
    /** One attempt in three fails at once; a retry gets past it and the breaker stays closed. */
    FLAKY(3, Duration.ofMillis(10)),
    /** An outage: every attempt fails at once, as a refused connection would. The breakers open. */
    DOWN(1, Duration.ZERO),
    /** Answers again, a little slowly at first (still well inside the timeouts). The breakers close again. */
    RECOVERING(0, Duration.ofMillis(60));

    private final int failEvery;
    private final Duration latency;

    Mode(int failEvery, Duration latency) {
        this.failEvery = failEvery;
        this.latency = latency;
    }

    /** Whether the {@code attempt}-th attempt (counted from 1) fails. */
    boolean fails(long attempt) {
        return failEvery > 0 && attempt % failEvery == 0;
    }

    Duration latency() {
        return latency;
    }
}

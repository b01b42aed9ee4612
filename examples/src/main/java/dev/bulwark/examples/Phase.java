package dev.bulwark.examples;

import java.time.Duration;

/**
 * How the simulated inventory service behaves in each part of the scripted timeline.
 *
 * <p>Failures and slow answers are decided by counting attempts ("every third attempt fails"), not by a random
 * number generator, so a run is repeatable and the smoke test cannot flake on an unlucky draw: FLAKY and SLOW stay
 * below the breakers' failure ratio, DOWN fails every attempt, which must open them.
 */
public enum Phase {
    HEALTHY(0, 0, Duration.ofMillis(20)),
    /** One attempt in three fails at once; a retry gets past it. */
    FLAKY(3, 0, Duration.ofMillis(20)),
    /** One attempt in four takes longer than the client's timeouts; the others are sluggish. */
    SLOW(0, 4, Duration.ofMillis(40)),
    /** An outage: every attempt fails at once, as a refused connection would. */
    DOWN(1, 0, Duration.ZERO),
    /** Answers again, a little slowly at first. */
    RECOVERING(0, 0, Duration.ofMillis(40));

    /** How long a slow attempt takes: well beyond every {@code @Timeout} in the client. */
    static final Duration SLOW_ANSWER = Duration.ofMillis(800);

    private final int failEvery;
    private final int slowEvery;
    private final Duration latency;

    Phase(int failEvery, int slowEvery, Duration latency) {
        this.failEvery = failEvery;
        this.slowEvery = slowEvery;
        this.latency = latency;
    }

    /** Whether the {@code attempt}-th attempt (counted from 1) fails. */
    boolean fails(long attempt) {
        return failEvery > 0 && attempt % failEvery == 0;
    }

    /** How long the {@code attempt}-th attempt (counted from 1) takes before it answers. */
    Duration latency(long attempt) {
        return slowEvery > 0 && attempt % slowEvery == 0 ? SLOW_ANSWER : latency;
    }
}

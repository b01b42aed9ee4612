package dev.bulwark.impl.hedge;

import dev.bulwark.impl.Checks;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.AroundSpec;
import dev.bulwark.impl.stage.StageContext;

/**
 * Immutable settings of hedged calls, validated once here, and the stage spec that puts the race just inside
 * {@code @Retry} (outside the breaker, rate limit, timeout and bulkhead, which each attempt passes on its own).
 *
 * @param delayNanos how long after an attempt started the next one starts, >= 0
 * @param maxAttempts the most attempts per call, the first included, in [2, {@value #MAX_ATTEMPTS}]
 * @param delayPercentile 0 for the fixed delay, else the percentile of observed latency the delay follows, in (0, 100)
 */
public record HedgeSpec(long delayNanos, int maxAttempts, double delayPercentile) implements AroundSpec {

    /** The most attempts one call may race: more multiplies the load on a struggling downstream for little gain. */
    public static final int MAX_ATTEMPTS = 10;

    public HedgeSpec {
        Checks c = new Checks();
        c.atLeast(delayNanos, 0, "delay");
        c.check(maxAttempts >= 2 && maxAttempts <= MAX_ATTEMPTS, "maxAttempts", maxAttempts,
                "must be between 2 and " + MAX_ATTEMPTS);
        c.check(delayPercentile == 0 || (delayPercentile > 0 && delayPercentile < 100), "delayPercentile",
                delayPercentile, "must be 0 (off) or above 0 and below 100");
        c.done();
    }

    @Override
    public Place place() {
        return Place.RETRY;
    }

    @Override
    public Around around(StageContext operation) {
        return new HedgeStage(this, operation);
    }
}

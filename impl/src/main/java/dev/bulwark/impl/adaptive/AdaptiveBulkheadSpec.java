package dev.bulwark.impl.adaptive;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.impl.Checks;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.GateSpec;
import dev.bulwark.impl.stage.StageContext;

/**
 * Immutable settings of an adaptive bulkhead, validated once here, and the stage spec that puts its gate where
 * {@code @Bulkhead} sits in the chain.
 *
 * @param algorithm how the limit moves
 * @param initialLimit the limit before the first samples, in [minLimit, maxLimit]
 * @param minLimit the lowest limit, >= 1
 * @param maxLimit the highest limit, >= minLimit
 * @param queueSize asynchronous calls that may wait for a place, >= 0 (ignored for synchronous calls)
 */
public record AdaptiveBulkheadSpec(AdaptiveAlgorithm algorithm, int initialLimit, int minLimit, int maxLimit,
        int queueSize) implements GateSpec {

    /** The highest limit accepted: the window of samples packs its count into 20 bits. */
    public static final int MAX_LIMIT = 100_000;

    public AdaptiveBulkheadSpec {
        Checks c = new Checks();
        c.notNull(algorithm, "algorithm");
        c.atLeast(minLimit, 1, "minLimit");
        c.check(maxLimit >= minLimit && maxLimit <= MAX_LIMIT, "maxLimit", maxLimit,
                "must be between minLimit (" + minLimit + ") and " + MAX_LIMIT, "minLimit");
        c.check(initialLimit >= minLimit && initialLimit <= maxLimit, "initialLimit", initialLimit,
                "must be between minLimit (" + minLimit + ") and maxLimit (" + maxLimit + ")", "minLimit",
                "maxLimit");
        c.atLeast(queueSize, 0, "waitingTaskQueue");
        c.done();
    }

    /** The annotation's defaults: GRADIENT2 from 20, between 1 and 200, no queue. */
    public static AdaptiveBulkheadSpec defaults() {
        return new AdaptiveBulkheadSpec(AdaptiveAlgorithm.GRADIENT2, 20, 1, 200, 0);
    }

    @Override
    public Place place() {
        return Place.BULKHEAD;
    }

    @Override
    public Gate gate(StageContext operation) {
        return new AdaptiveBulkheadGate(this, operation);
    }
}

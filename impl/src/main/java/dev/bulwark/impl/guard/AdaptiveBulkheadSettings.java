package dev.bulwark.impl.guard;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.api.AdaptiveBulkheadOptions;
import dev.bulwark.impl.adaptive.AdaptiveBulkheadSpec;

/** Collects {@link AdaptiveBulkheadOptions}; {@code @AdaptiveBulkhead}'s defaults until told otherwise. */
final class AdaptiveBulkheadSettings implements AdaptiveBulkheadOptions {

    private AdaptiveAlgorithm algorithm = AdaptiveAlgorithm.GRADIENT2;
    private int initialLimit = 20;
    private int minLimit = 1;
    private int maxLimit = 200;
    private int queueSize;

    @Override
    public AdaptiveBulkheadOptions algorithm(AdaptiveAlgorithm algorithm) {
        this.algorithm = algorithm;
        return this;
    }

    @Override
    public AdaptiveBulkheadOptions initialLimit(int initialLimit) {
        this.initialLimit = initialLimit;
        return this;
    }

    @Override
    public AdaptiveBulkheadOptions minLimit(int minLimit) {
        this.minLimit = minLimit;
        return this;
    }

    @Override
    public AdaptiveBulkheadOptions maxLimit(int maxLimit) {
        this.maxLimit = maxLimit;
        return this;
    }

    @Override
    public AdaptiveBulkheadOptions queueSize(int queueSize) {
        this.queueSize = queueSize;
        return this;
    }

    /** The settings, validated by the spec (every invalid one named). */
    AdaptiveBulkheadSpec toSpec() {
        return new AdaptiveBulkheadSpec(algorithm, initialLimit, minLimit, maxLimit, queueSize);
    }
}

package dev.bulwark.api;

/**
 * Adaptive bulkhead settings; defaults are {@link AdaptiveBulkhead}'s. Values are checked when the guard is built:
 * {@link GuardBuilder#build()} throws an {@link IllegalArgumentException} naming each invalid one.
 */
public interface AdaptiveBulkheadOptions {

    /** How the limit moves. Default {@link AdaptiveAlgorithm#GRADIENT2}. */
    AdaptiveBulkheadOptions algorithm(AdaptiveAlgorithm algorithm);

    /** The limit before the first samples, between the lowest and the highest. Default 20. */
    AdaptiveBulkheadOptions initialLimit(int initialLimit);

    /** The lowest limit, >= 1. Default 1. */
    AdaptiveBulkheadOptions minLimit(int minLimit);

    /** The highest limit, >= the lowest. Default 200. */
    AdaptiveBulkheadOptions maxLimit(int maxLimit);

    /** Asynchronous and {@code Uni} guards only: calls allowed to wait for a place, >= 0. Default 0. */
    AdaptiveBulkheadOptions queueSize(int queueSize);
}

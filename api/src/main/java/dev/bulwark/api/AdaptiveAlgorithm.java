package dev.bulwark.api;

/**
 * How an {@link AdaptiveBulkhead} moves its limit, each from a published congestion-control algorithm. Each reads
 * windows of samples (the latency of calls that returned or timed out) and the calls in flight.
 */
public enum AdaptiveAlgorithm {

    /**
     * The gradient of latency: the limit is multiplied by how far the recent latency is from the long-run latency
     * (long / recent, with a tolerance, between 0.5 and 1) and given a small headroom to probe upwards, as Netflix's
     * Gradient2 does. Reacts to queueing before calls fail; the default.
     */
    GRADIENT2,

    /**
     * TCP Vegas: the calls queued at the downstream are estimated from the latency without load (the lowest seen)
     * and the recent latency; below a few queued the limit grows, above a few more it shrinks.
     */
    VEGAS,

    /**
     * Additive increase, multiplicative decrease (TCP Reno): one more place for each window the calls fill, the limit
     * times 0.9 for a window that had a timeout. Reacts to timeouts only, not to latency.
     */
    AIMD
}

package dev.bulwark.impl.bulkhead;

import static dev.bulwark.impl.Preconditions.atLeast;

/**
 * Immutable bulkhead settings.
 *
 * @param limit calls running at once, >= 1
 * @param queueSize asynchronous calls allowed to wait for a place, >= 1 (ignored for synchronous calls)
 */
public record BulkheadSpec(int limit, int queueSize) {

    public BulkheadSpec {
        atLeast(limit, 1, "value");
        atLeast(queueSize, 1, "waitingTaskQueue");
    }
}

package dev.bulwark.impl.bulkhead;

import dev.bulwark.impl.Checks;

/**
 * Immutable bulkhead settings.
 *
 * @param limit calls running at once, >= 1
 * @param queueSize asynchronous calls allowed to wait for a place, >= 1 (ignored for synchronous calls)
 */
public record BulkheadSpec(int limit, int queueSize) {

    public BulkheadSpec {
        Checks c = new Checks();
        c.atLeast(limit, 1, "value");
        c.atLeast(queueSize, 1, "waitingTaskQueue");
        c.done();
    }
}

package dev.bulwark.impl.guard;

import dev.bulwark.api.BulkheadOptions;
import dev.bulwark.impl.bulkhead.BulkheadSpec;

/** Collects {@link BulkheadOptions}; the spec's defaults until told otherwise. */
final class BulkheadSettings implements BulkheadOptions {

    private int limit = 10;
    private int queueSize = 10;

    @Override
    public BulkheadOptions limit(int limit) {
        this.limit = limit;
        return this;
    }

    @Override
    public BulkheadOptions queueSize(int queueSize) {
        this.queueSize = queueSize;
        return this;
    }

    BulkheadSpec toSpec() {
        return new BulkheadSpec(limit, queueSize);
    }
}

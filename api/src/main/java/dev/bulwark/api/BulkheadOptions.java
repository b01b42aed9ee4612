package dev.bulwark.api;

/** Bulkhead settings; defaults are the MP FT {@code @Bulkhead} defaults. */
public interface BulkheadOptions {

    /** Calls allowed to run at once, >= 1. Default 10. */
    BulkheadOptions limit(int limit);

    /** Asynchronous guards only: calls allowed to wait for a free place, >= 1. Default 10. */
    BulkheadOptions queueSize(int queueSize);
}

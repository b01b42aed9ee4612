package dev.bulwark.api;

/**
 * Bulkhead settings; defaults are the MP FT {@code @Bulkhead} defaults. Values are checked when the guard is built:
 * {@link GuardBuilder#build()} throws an {@link IllegalArgumentException} naming an invalid one.
 */
public interface BulkheadOptions {

    /** Calls allowed to run at once, >= 1; a call beyond them (and beyond the queue) fails. Default 10. */
    BulkheadOptions limit(int limit);

    /**
     * Asynchronous and {@code Uni} guards only: calls allowed to wait for a free place, >= 1 (checked for synchronous
     * guards too, whose callers never wait). Default 10.
     */
    BulkheadOptions queueSize(int queueSize);
}

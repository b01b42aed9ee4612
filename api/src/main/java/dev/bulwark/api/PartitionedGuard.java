package dev.bulwark.api;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A guard whose rate limit, circuit breaker and bulkhead keep one state per key (the programmatic form of
 * {@link PartitionKey}): {@code guard.call(apiKey, () -> ...)}. Made by {@link GuardBuilder#buildPartitioned(int)};
 * retry, timeout and fallback are as in {@link Guard}. Keys are untrusted input, bounded and evicted as
 * {@link PartitionKey} describes; a null key is a partition of its own.
 *
 * @param <T> the result type
 */
public interface PartitionedGuard<T> {

    /** Runs {@code action} in the partition of {@code key}; as {@link Guard#call}. */
    T call(String key, Callable<? extends T> action) throws Exception;

    /** Runs {@code action} in the partition of {@code key}; as {@link Guard#get}. */
    T get(String key, Supplier<? extends T> action);

    /** The state of {@code key}'s breaker: CLOSED for a key without a live partition (or a guard without a breaker). */
    CircuitState state(String key);

    /** The keys of the live partitions, as held (long or unusual keys as {@code #} and their SHA-256). */
    Set<String> partitionKeys();
}

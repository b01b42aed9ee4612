package dev.bulwark.api;

import java.util.Set;

/**
 * Operators' access to every circuit breaker of the application: the ones named with {@link CircuitBreakerName}
 * or by the programmatic API, and every unnamed {@code @CircuitBreaker} of a CDI bean, listed as
 * {@code <fully.qualified.Class>.<method>} (or, for a method whose name other guarded methods of the class share,
 * {@code <fully.qualified.Class>.<method>(<parameter types>)}, for example {@code com.acme.Stock.of(java.lang.String,int)}).
 * In CDI it is an {@code @ApplicationScoped} bean; elsewhere {@link #get()} gives it. A name no breaker has is an
 * {@link IllegalArgumentException} naming it.
 */
public interface CircuitBreakerMaintenance {

    /**
     * The maintenance of the breakers registered in this JVM: the programmatic API's, and each CDI deployment's
     * (where two deployments in one JVM name a breaker alike, the later one's). A CDI application injects the
     * {@code CircuitBreakerMaintenance} bean instead, which sees exactly its own deployment's breakers.
     */
    static CircuitBreakerMaintenance get() {
        return RegisteredBreakers.INSTANCE;
    }

    /** The maintenance of the breakers {@code find} and {@code names} know (a deployment's own directory). */
    static CircuitBreakerMaintenance over(java.util.function.Function<String, CircuitBreakerHandle> find,
            java.util.function.Supplier<Set<String>> names) {
        return new RegisteredBreakers(java.util.Objects.requireNonNull(find, "find"),
                java.util.Objects.requireNonNull(names, "names"));
    }

    /**
     * The state now: a breaker whose delay has passed reads {@link CircuitState#HALF_OPEN} (it moves there when
     * read, as it would on the next call), never a stale {@link CircuitState#OPEN}.
     */
    CircuitState currentState(String name);

    /** Back to CLOSED with nothing recorded, also from a forced state. */
    void reset(String name);

    /** {@link #reset(String)} for every breaker. */
    void resetAll();

    /** Rejects every call until {@link #reset} or {@link #forceClosed}. */
    void forceOpen(String name);

    /** Lets every call through, recording nothing, until {@link #reset} or {@link #forceOpen}. */
    void forceClosed(String name);

    /** The names of every breaker. */
    Set<String> names();

    /** The breaker named {@code name}, if there is one: its state, its counts and the same operations. */
    java.util.Optional<CircuitBreakerHandle> find(String name);

    /** The breaker named {@code name}; an {@link IllegalArgumentException} naming it if there is none. */
    CircuitBreakerHandle breaker(String name);

    /**
     * Calls {@code listener} with the new state after each change of that breaker, on the thread that changed it;
     * it is quick and does not block. Its exceptions are logged and ignored.
     */
    void onStateChange(String name, CircuitStateListener listener);

    /**
     * The state now of the breaker of partition {@code key} of the partitioned breaker {@code name} (a method with a
     * {@link PartitionKey} or {@link PartitionedBy}); a key without a live partition reads CLOSED (it starts so). An
     * {@link IllegalArgumentException} if {@code name} is not a partitioned breaker.
     */
    default CircuitState currentState(String name, String key) {
        throw new IllegalArgumentException("no partitioned circuit breaker is named " + name);
    }

    /** Back to CLOSED with nothing recorded, for partition {@code key} of the partitioned breaker {@code name}. */
    default void reset(String name, String key) {
        throw new IllegalArgumentException("no partitioned circuit breaker is named " + name);
    }

    /**
     * The keys of the live partitions of the partitioned breaker {@code name}, as Bulwark holds them: a key longer
     * than 64 characters or with characters other than letters, digits, {@code - _ . @} appears as {@code #} and its
     * SHA-256 (keys are never stored whole); the null key as {@code ~null}. Empty for a breaker that is not
     * partitioned.
     */
    default Set<String> partitionKeys(String name) {
        return Set.of();
    }

    /** The names of the partitioned breakers; none are in {@link #names()}, whose breakers are one per name. */
    default Set<String> partitionedNames() {
        return Set.of();
    }
}

package dev.bulwark.api;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A synchronous guard: runs actions on the caller's thread through the configured retry, circuit breaker,
 * rate limit, timeout, bulkhead and fallback. Immutable and thread-safe; build once and share. The state of
 * its circuit breaker, bulkhead and rate limit is shared by every call through the same guard.
 *
 * <pre>{@code
 * Guard<String> guard = Guard.<String>builder()
 *         .withRetry(r -> r.maxRetries(3).delay(Duration.ofMillis(50)))
 *         .withCircuitBreaker(cb -> cb.name("inventory").requestVolumeThreshold(20).failureRatio(0.5))
 *         .withTimeout(Duration.ofSeconds(2))
 *         .withFallback(failure -> "unknown")
 *         .build();
 * String stock = guard.get(() -> inventory.stockOf(item));
 * }</pre>
 *
 * @param <T> the result type of the guarded actions
 */
public interface Guard<T> {

    /**
     * A new builder, with no strategy configured, whose guards run on the JVM's shared engine (its threads start on
     * first use; {@link Bulwark#shutdown} stops them). Needs {@code bulwark-impl} on the class path.
     */
    static <T> GuardBuilder<T> builder() {
        return GuardProviders.get().newBuilder();
    }

    /** Runs {@code action} under the guard; the action's own exception is thrown as it is, never wrapped. */
    T call(Callable<? extends T> action) throws Exception;

    /** Runs {@code action} under the guard, for actions that throw no checked exception. */
    T get(Supplier<? extends T> action);

    /** Runs {@code action} under the guard. */
    default void run(Runnable action) {
        get(() -> {
            action.run();
            return null;
        });
    }
}

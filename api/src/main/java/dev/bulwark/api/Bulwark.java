package dev.bulwark.api;

import java.time.Duration;

/**
 * The life cycle of the engine behind the programmatic API ({@link Guard#builder()}, {@link RateLimiters},
 * {@link RetryBudgets}). That engine starts its threads (a scheduler, a timeout watchdog, a pool for asynchronous
 * attempts, all daemons) on first use; an application that is undeployed while its JVM lives on (a servlet
 * container, a test suite) stops them here. CDI deployments have engines of their own, stopped with the container.
 */
public final class Bulwark {

    private Bulwark() {
    }

    /**
     * Stops the programmatic engine's threads, interrupting running asynchronous attempts, and waits up to
     * {@code wait} for them to end. Guards built before keep the stopped engine and fail loudly where they need its
     * threads (an asynchronous call completes with a {@code RejectedExecutionException}, a synchronous call with a
     * timeout throws an {@code IllegalStateException}); guards built after start a fresh engine. Circuit breakers
     * registered by name stay registered.
     *
     * @return true if every thread ended within {@code wait}
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean shutdown(Duration wait) throws InterruptedException {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("wait must be zero or positive, was " + wait);
        }
        return GuardProviders.get().shutdown(wait);
    }
}

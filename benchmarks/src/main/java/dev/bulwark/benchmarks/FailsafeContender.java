package dev.bulwark.benchmarks;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.function.CheckedSupplier;
import java.util.function.Supplier;

/**
 * Failsafe, policies composed outermost first in the MicroProfile order. Its synchronous timeout is scheduled on
 * Failsafe's scheduler and interrupts the caller: no thread hop for the call itself.
 */
final class FailsafeContender implements Contender {

    @Override
    public Supplier<String> guard(Scenario scenario, Supplier<String> action) {
        FailsafeExecutor<String> executor;
        switch (scenario) {
            case RETRY:
                executor = Failsafe.with(retry());
                break;
            case CIRCUIT_BREAKER:
                executor = Failsafe.with(circuitBreaker());
                break;
            case BULKHEAD:
                executor = Failsafe.with(bulkhead());
                break;
            case RATE_LIMITER:
                executor = Failsafe.with(RateLimiter.<String>burstyBuilder(Settings.RATE_LIMIT, Settings.RATE_WINDOW)
                        .build());
                break;
            case TIMEOUT:
                executor = Failsafe.with(timeout());
                break;
            case COMBINED:
                executor = Failsafe.with(retry(), circuitBreaker(), timeout(), bulkhead());
                break;
            default:
                throw new AssertionError(scenario);
        }
        // Made once: Failsafe takes its own functional type, and adapting per call would bill it an allocation.
        CheckedSupplier<String> checked = action::get;
        return () -> executor.get(checked);
    }

    private static RetryPolicy<String> retry() {
        return RetryPolicy.<String>builder().withMaxRetries(Settings.MAX_RETRIES).build();
    }

    private static CircuitBreaker<String> circuitBreaker() {
        int failures = (int) Math.round(Settings.BREAKER_WINDOW * Settings.BREAKER_FAILURE_RATIO);
        return CircuitBreaker.<String>builder().withFailureThreshold(failures, Settings.BREAKER_WINDOW)
                .withDelay(Settings.BREAKER_DELAY).build();
    }

    private static Bulkhead<String> bulkhead() {
        return Bulkhead.<String>builder(Settings.BULKHEAD_LIMIT).build();
    }

    private static Timeout<String> timeout() {
        return Timeout.<String>builder(Settings.TIMEOUT).withInterrupt().build();
    }
}

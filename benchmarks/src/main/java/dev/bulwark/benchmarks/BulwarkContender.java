package dev.bulwark.benchmarks;

import dev.bulwark.api.Guard;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.api.RateLimitType;
import java.util.function.Supplier;

/** Bulwark's programmatic API ({@code Guard.builder()}). No thread hop for the timeout: a watchdog interrupts. */
final class BulwarkContender implements Contender {

    @Override
    public Supplier<String> guard(Scenario scenario, Supplier<String> action) {
        GuardBuilder<String> builder = Guard.builder();
        switch (scenario) {
            case RETRY:
                retry(builder);
                break;
            case CIRCUIT_BREAKER:
                circuitBreaker(builder);
                break;
            case BULKHEAD:
                bulkhead(builder);
                break;
            case RATE_LIMITER:
                builder.withRateLimit(r -> r.limit(Settings.RATE_LIMIT, Settings.RATE_WINDOW).type(RateLimitType.FIXED));
                break;
            case TIMEOUT:
                builder.withTimeout(Settings.TIMEOUT);
                break;
            case COMBINED:
                retry(builder);
                circuitBreaker(builder);
                bulkhead(builder);
                builder.withTimeout(Settings.TIMEOUT);
                break;
            default:
                throw new AssertionError(scenario);
        }
        Guard<String> guard = builder.build();
        return () -> guard.get(action);
    }

    private static void retry(GuardBuilder<String> builder) {
        builder.withRetry(r -> r.maxRetries(Settings.MAX_RETRIES));
    }

    private static void circuitBreaker(GuardBuilder<String> builder) {
        builder.withCircuitBreaker(cb -> cb.requestVolumeThreshold(Settings.BREAKER_WINDOW)
                .failureRatio(Settings.BREAKER_FAILURE_RATIO).delay(Settings.BREAKER_DELAY));
    }

    private static void bulkhead(GuardBuilder<String> builder) {
        builder.withBulkhead(b -> b.limit(Settings.BULKHEAD_LIMIT));
    }
}

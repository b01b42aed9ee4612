package dev.bulwark.benchmarks;

import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * SmallRye Fault Tolerance's programmatic API (standalone {@code TypedGuard}), the reference implementation's
 * engine. Its synchronous timeout interrupts the caller from a timer thread: no thread hop either.
 */
final class SmallRyeContender implements Contender {

    @Override
    public Supplier<String> guard(Scenario scenario, Supplier<String> action) {
        TypedGuard.Builder<String> builder = TypedGuard.create(String.class);
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
                builder.withRateLimit().limit(Settings.RATE_LIMIT)
                        .window(Settings.RATE_WINDOW.toMillis(), ChronoUnit.MILLIS).type(RateLimitType.FIXED).done();
                break;
            case TIMEOUT:
                timeout(builder);
                break;
            case COMBINED:
                retry(builder);
                circuitBreaker(builder);
                bulkhead(builder);
                timeout(builder);
                break;
            default:
                throw new AssertionError(scenario);
        }
        TypedGuard<String> guard = builder.build();
        return () -> guard.get(action);
    }

    private static void retry(TypedGuard.Builder<String> builder) {
        builder.withRetry().maxRetries(Settings.MAX_RETRIES).done();
    }

    private static void circuitBreaker(TypedGuard.Builder<String> builder) {
        builder.withCircuitBreaker().requestVolumeThreshold(Settings.BREAKER_WINDOW)
                .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                .delay(Settings.BREAKER_DELAY.toMillis(), ChronoUnit.MILLIS).done();
    }

    private static void bulkhead(TypedGuard.Builder<String> builder) {
        builder.withBulkhead().limit(Settings.BULKHEAD_LIMIT).done();
    }

    private static void timeout(TypedGuard.Builder<String> builder) {
        builder.withTimeout().duration(Settings.TIMEOUT.toMillis(), ChronoUnit.MILLIS).done();
    }
}

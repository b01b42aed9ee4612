package dev.bulwark.benchmarks;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Resilience4j, one module per policy, decorators nested by hand. Its TimeLimiter only bounds a future, so the
 * timeout scenario runs the action on a pool thread: a thread hop per call, which is what users of it pay. The
 * combined stack therefore has no timeout here (adding one would measure the hop, not the policies).
 */
final class Resilience4jContender implements Contender {

    private ExecutorService timeoutPool;

    @Override
    public Supplier<String> guard(Scenario scenario, Supplier<String> action) {
        switch (scenario) {
            case RETRY:
                return Retry.decorateSupplier(retry(), action);
            case CIRCUIT_BREAKER:
                return CircuitBreaker.decorateSupplier(circuitBreaker(), action);
            case BULKHEAD:
                return Bulkhead.decorateSupplier(bulkhead(), action);
            case RATE_LIMITER:
                return RateLimiter.decorateSupplier(rateLimiter(), action);
            case TIMEOUT:
                return timed(action);
            case COMBINED:
                return Retry.decorateSupplier(retry(),
                        CircuitBreaker.decorateSupplier(circuitBreaker(), Bulkhead.decorateSupplier(bulkhead(), action)));
            default:
                throw new AssertionError(scenario);
        }
    }

    private Supplier<String> timed(Supplier<String> action) {
        timeoutPool = Executors.newFixedThreadPool(2, daemon());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(Settings.TIMEOUT)
                .cancelRunningFuture(true).build());
        ExecutorService pool = timeoutPool;
        Callable<String> call = TimeLimiter.decorateFutureSupplier(limiter,
                () -> CompletableFuture.supplyAsync(action, pool));
        return () -> {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "r4j-timelimiter");
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (timeoutPool != null) {
            timeoutPool.shutdownNow();
        }
    }

    private static Retry retry() {
        return Retry.of("bench", RetryConfig.custom().maxAttempts(Settings.MAX_RETRIES + 1).build());
    }

    private static CircuitBreaker circuitBreaker() {
        return CircuitBreaker.of("bench", CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Settings.BREAKER_WINDOW)
                .minimumNumberOfCalls(Settings.BREAKER_WINDOW)
                .failureRateThreshold((float) (Settings.BREAKER_FAILURE_RATIO * 100))
                .waitDurationInOpenState(Settings.BREAKER_DELAY)
                .build());
    }

    private static Bulkhead bulkhead() {
        return Bulkhead.of("bench", BulkheadConfig.custom().maxConcurrentCalls(Settings.BULKHEAD_LIMIT)
                .maxWaitDuration(Duration.ZERO).build());
    }

    private static RateLimiter rateLimiter() {
        return RateLimiter.of("bench", RateLimiterConfig.custom().limitForPeriod(Settings.RATE_LIMIT)
                .limitRefreshPeriod(Settings.RATE_WINDOW).timeoutDuration(Duration.ZERO).build());
    }
}

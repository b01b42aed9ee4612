package dev.bulwark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.api.RetryBudgets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a user's test of guarded code does with virtual time: delays, breaker delays and timeouts take none. */
class VirtualTimeTest {

    private final VirtualTime time = new VirtualTime();

    @Test
    void shouldRunTheRetriesDelaysInVirtualTime() {
        AtomicInteger calls = new AtomicInteger();
        Guard<String> guard = time.<String>guard()
                .withRetry(r -> r.maxRetries(3).delay(Duration.ofSeconds(1)).jitter(Duration.ZERO))
                .build();
        assertEquals("ok", guard.get(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("down");
            }
            return "ok";
        }));
        assertEquals(4, calls.get());
        assertEquals(Duration.ofSeconds(3), time.elapsed(), "three delays of a second, none of them slept");
    }

    @Test
    void shouldLetTheTestSayWhenTheBreakersDelayIsOver() {
        Guard<String> guard = time.<String>guard()
                .withCircuitBreaker(cb -> cb.requestVolumeThreshold(2).failureRatio(1).delay(Duration.ofMinutes(1)))
                .build();
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> guard.get(() -> {
                throw new IllegalStateException("down");
            }));
        }
        assertThrows(CircuitBreakerOpenException.class, () -> guard.get(() -> "not called"));
        time.advance(Duration.ofSeconds(59));
        assertThrows(CircuitBreakerOpenException.class, () -> guard.get(() -> "not called"), "still open");
        time.advance(Duration.ofSeconds(1));
        assertEquals("trial", guard.get(() -> "trial"), "half-open after exactly a minute");
    }

    @Test
    void shouldTimeOutAnAsynchronousCallWhenTheTestMovesPastItsDeadline() {
        AsyncGuard<String> guard = time.<String>guard().withTimeout(Duration.ofSeconds(2)).buildAsync();
        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture<String> result = guard.call(() -> never).toCompletableFuture();
        time.advance(Duration.ofMillis(1999));
        assertFalse(result.isDone());
        time.advance(Duration.ofMillis(1));
        assertTrue(result.isCompletedExceptionally());
        CompletionException failure = assertThrows(CompletionException.class, result::join);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertTrue(never.isCancelled(), "the stage that never answers is cancelled");
    }

    @Test
    void shouldInterruptASynchronousCallOnceTheTestMovesPastItsDeadline() throws Exception {
        Guard<String> guard = time.<String>guard().withTimeout(Duration.ofSeconds(1)).build();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Void> entered = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                guard.get(() -> {
                    entered.complete(null);
                    try {
                        Thread.sleep(60_000); // a downstream that hangs, until the timeout interrupts it
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return "late";
                });
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        entered.join();
        time.advance(Duration.ofSeconds(1));
        assertInstanceOf(TimeoutException.class, outcome.get(10, java.util.concurrent.TimeUnit.SECONDS));
        caller.join();
    }

    @Test
    void shouldTurnAStandaloneRateLimitersWindowInVirtualTime() {
        RateLimiterHandle limiter = time.rateLimiter(o -> o.limit(2, Duration.ofSeconds(1)));
        assertTrue(limiter.tryAcquire(2));
        assertFalse(limiter.tryAcquire(1), "the window's two permits are taken");
        time.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire(1), "a new window in virtual time");
    }

    @Test
    void shouldCountARetryBudgetInTheTimeOfTheGuardBuiltWithIt() {
        RetryBudgetHandle budget = RetryBudgets.create(0, 1, Duration.ofSeconds(10)); // 10 retries per 10 s
        Guard<String> guard = time.<String>guard()
                .withRetry(r -> r.maxRetries(10).jitter(Duration.ZERO).budget(budget)).build();
        assertThrows(IllegalStateException.class, () -> guard.get(() -> {
            throw new IllegalStateException("down");
        }));
        assertEquals(0, budget.balance());
        time.advance(Duration.ofSeconds(10));
        assertEquals(10, budget.balance(), "the retries taken expired in virtual time");
    }
}

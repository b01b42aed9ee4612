package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.testing.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

class GuardBuilderTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().executor(Runnable::run).build();

    private <T> GuardSpecBuilder<T> builder() {
        return new GuardSpecBuilder<>(engine);
    }

    @Test
    void shouldFindTheEngineThroughTheServiceLoader() {
        Guard<String> guard = Guard.<String>builder().withRetry(r -> r.maxRetries(1).jitter(Duration.ZERO)).build();
        assertEquals("ok", guard.get(() -> "ok"));
    }

    @Test
    void shouldRetryThenFallBackWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> seen = new ArrayList<>();
        Guard<String> guard = this.<String>builder()
                .withRetry(r -> r.maxRetries(2).delay(Duration.ofMillis(100)).jitter(Duration.ZERO))
                .withFallback(failure -> {
                    seen.add(failure);
                    return "fallback";
                })
                .build();

        String result = guard.get(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        });

        assertEquals("fallback", result);
        assertEquals(3, calls.get());
        assertEquals(200_000_000L, time.nanoTime(), "two delays of 100 ms waited in virtual time");
        assertEquals("down", seen.get(0).getMessage());
    }

    @Test
    void shouldThrowTheActionsCheckedExceptionUnwrapped() {
        Guard<String> guard = this.<String>builder().withRetry(r -> r.maxRetries(0)).build();
        IOException failure = new IOException("disk");
        IOException thrown = assertThrows(IOException.class, () -> guard.call(() -> {
            throw failure;
        }));
        assertSame(failure, thrown);
    }

    @Test
    void shouldRetryOnRejectedResultAndReturnTheLastOne() {
        AtomicInteger calls = new AtomicInteger();
        Guard<Integer> guard = this.<Integer>builder()
                .withRetry(r -> r.maxRetries(2).jitter(Duration.ZERO).retryIfResult(v -> (Integer) v < 0))
                .build();
        assertEquals(-3, guard.get(() -> -calls.incrementAndGet()));
        assertEquals(3, calls.get());
    }

    @Test
    void shouldEndTheCallWhenTheResultPredicateThrowsInsteadOfRetryingIt() {
        AtomicInteger calls = new AtomicInteger();
        Guard<Integer> guard = this.<Integer>builder()
                .withRetry(r -> r.maxRetries(2).jitter(Duration.ZERO).retryIfResult(v -> {
                    throw new IllegalStateException("predicate bug");
                }))
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.get(calls::incrementAndGet));
        assertEquals("predicate bug", e.getMessage());
        assertEquals(1, calls.get(), "the downstream answered; only the predicate failed");
    }

    @Test
    void shouldRegisterANamedBreakerForOperators() {
        Guard<String> guard = this.<String>builder()
                .withCircuitBreaker(cb -> cb.name("inventory-test").requestVolumeThreshold(2).failureRatio(1))
                .build();
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> guard.get(() -> {
                throw new IllegalStateException();
            }));
        }
        assertEquals(CircuitState.OPEN, CircuitBreakerMaintenance.get().breaker("inventory-test").state());
        assertThrows(CircuitBreakerOpenException.class, () -> guard.get(() -> "x"));

        CircuitBreakerMaintenance.get().breaker("inventory-test").reset();
        assertEquals("x", guard.get(() -> "x"));
    }

    @Test
    void shouldRunTheAsyncGuardOnItsExecutor() {
        AtomicInteger calls = new AtomicInteger();
        AsyncGuard<String> guard = this.<String>builder()
                .withRetry(r -> r.maxRetries(1).delay(Duration.ofSeconds(1)).jitter(Duration.ZERO))
                .buildAsync();
        CompletableFuture<String> result = guard.call(() -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("first"))
                : CompletableFuture.completedFuture("second")).toCompletableFuture();

        assertTrue(!result.isDone(), "the retry waits for its scheduled delay");
        time.advance(Duration.ofSeconds(1).toNanos());
        assertEquals("second", result.join());
    }

    @Test
    void shouldRejectInvalidSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> this.<String>builder().withCircuitBreaker(cb -> cb.failureRatio(1.5)).build());
        assertEquals("failureRatio must be between 0 and 1, was 1.5", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> this.<String>builder().withRetry(r -> r.maxRetries(-2)).build());
        assertEquals("maxRetries must be >= -1, was -2", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> this.<String>builder().withBulkhead(b -> b.limit(0)).build());
        assertEquals("value must be >= 1, was 0", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> this.<String>builder().withRetry(r -> r.delay(Duration.ofSeconds(2))
                        .maxDuration(Duration.ofSeconds(1))).build());
        assertTrue(e.getMessage().startsWith("maxDuration must be greater than delay"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> this.<String>builder().withTimeout(Duration.ZERO));
    }

    @Test
    void shouldRateLimitAGuardAndRetryAfterTheRefusal() {
        Guard<String> limited = this.<String>builder()
                .withRateLimit(r -> r.limit(2, Duration.ofSeconds(1)))
                .build();
        assertEquals("a", limited.get(() -> "a"));
        assertEquals("b", limited.get(() -> "b"));
        RateLimitException refused = assertThrows(RateLimitException.class, () -> limited.get(() -> "c"));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        time.advance(Duration.ofSeconds(1).toNanos());
        assertEquals("c", limited.get(() -> "c"));
    }

    @Test
    void shouldTakeWeightedPermitsFromAStandaloneLimiter() {
        RateLimiterHandle rows = GuardSpecBuilder.rateLimiter(engine,
                r -> r.limit(10, Duration.ofSeconds(1)).type(RateLimitType.SMOOTH).maxWait(Duration.ofMillis(900)));
        assertTrue(rows.tryAcquire(7));
        assertTrue(!rows.tryAcquire(4), "only 3 left; a refused request takes nothing");
        assertTrue(rows.tryAcquire(3));
        rows.acquire(5); // waits half a second of virtual time for five tokens
        assertEquals(Duration.ofMillis(500).toNanos(), time.nanoTime());
        RateLimitException e = assertThrows(RateLimitException.class, () -> rows.acquire(10));
        assertEquals(Duration.ofSeconds(1), e.retryAfter());
        assertThrows(IllegalArgumentException.class, () -> rows.tryAcquire(11));
    }

    @Test
    void shouldCreateALimiterThroughThePublicApi() {
        RateLimiterHandle handle = dev.bulwark.api.RateLimiters.create(r -> r.limit(1, Duration.ofHours(1)));
        assertTrue(handle.tryAcquire(1));
        assertTrue(!handle.tryAcquire(1));
    }
}

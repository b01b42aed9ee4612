package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.retry.TokenRetryBudget;
import dev.bulwark.testing.VirtualTime;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The programmatic API's retry budget, time window and slow calls, in virtual time. */
class BeyondSpecGuardTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().build();
    private final AtomicInteger attempts = new AtomicInteger();

    private <T> GuardSpecBuilder<T> builder() {
        return new GuardSpecBuilder<>(engine);
    }

    private int attempts(Guard<String> guard) {
        int before = attempts.get();
        assertThrows(IllegalStateException.class, () -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        }));
        return attempts.get() - before;
    }

    @Test
    void shouldShareOneRetryBudgetBetweenGuards() {
        RetryBudgetHandle budget = new TokenRetryBudget(0, 2, TimeUnit.SECONDS.toNanos(1), time);
        Guard<String> stock = this.<String>builder().withRetry(r -> r.maxRetries(3).jitter(Duration.ZERO)
                .budget(budget)).build();
        Guard<String> reserve = this.<String>builder().withRetry(r -> r.maxRetries(3).jitter(Duration.ZERO)
                .budget(budget)).build();
        assertEquals(3, attempts(stock), "2 retries: the whole budget");
        assertEquals(1, attempts(reserve), "none left for the other guard");
        time.advance(1, TimeUnit.SECONDS);
        assertEquals(3, attempts(reserve), "the withdrawals expired");
    }

    @Test
    void shouldOpenOnATimeWindowAndOnSlowCalls() throws Exception {
        String windowed = "windowed-" + UUID.randomUUID();
        Guard<String> guard = this.<String>builder().withCircuitBreaker(cb -> cb.name(windowed)
                .requestVolumeThreshold(4).failureRatio(0.5).slidingTimeWindow(Duration.ofSeconds(10), 10)).build();
        for (int i = 0; i < 3; i++) {
            attempts(guard);
        }
        assertEquals(CircuitState.CLOSED, CircuitBreakerMaintenance.get().breaker(windowed).state(), "3 calls, fewer than 4");
        attempts(guard);
        assertEquals(CircuitState.OPEN, CircuitBreakerMaintenance.get().breaker(windowed).state());

        String slow = "slow-" + UUID.randomUUID();
        Guard<String> slowGuard = this.<String>builder().withCircuitBreaker(cb -> cb.name(slow)
                .requestVolumeThreshold(2).slowCall(Duration.ofMillis(100), 1.0)).build();
        for (int i = 0; i < 2; i++) {
            slowGuard.call(() -> {
                time.advance(150, TimeUnit.MILLISECONDS);
                return "late";
            });
        }
        assertEquals(CircuitState.OPEN, CircuitBreakerMaintenance.get().breaker(slow).state(), "answers, but too slowly");
    }

    @Test
    void shouldRefuseInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> this.<String>builder()
                .withCircuitBreaker(cb -> cb.slidingTimeWindow(Duration.ZERO, 10)));
        assertThrows(IllegalArgumentException.class, () -> this.<String>builder()
                .withCircuitBreaker(cb -> cb.slidingTimeWindow(Duration.ofSeconds(1), 0)).build());
        assertThrows(IllegalArgumentException.class, () -> this.<String>builder()
                .withCircuitBreaker(cb -> cb.slowCall(Duration.ofMillis(1), 2)).build());
        assertThrows(IllegalArgumentException.class, () -> this.<String>builder()
                .withCircuitBreaker(cb -> cb.consecutiveFailures(3).slidingTimeWindow(Duration.ofSeconds(1), 10))
                .build());
    }
}

package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.Guard;
import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.api.RetryBudgets;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.testing.VirtualTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A budget from RetryBudgets.create counts in the time of the guard built with it, virtual time included. */
class RetryBudgetClockTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().executor(Runnable::run).build();

    private static int attempts(Guard<String> guard) {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> guard.get(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        }));
        return attempts.get();
    }

    private Guard<String> guard(Engine on, RetryBudgetHandle budget) {
        return new GuardSpecBuilder<String>(on)
                .withRetry(r -> r.maxRetries(3).delay(Duration.ofMillis(100)).jitter(Duration.ZERO).budget(budget))
                .build();
    }

    @Test
    void shouldCountTheCallsDepositsOnTheGuardsClock() {
        RetryBudgetHandle budget = RetryBudgets.create(1.0, 0, Duration.ofSeconds(10));
        Guard<String> guard = guard(engine, budget);
        assertEquals(2, attempts(guard), "the call's own deposit pays for one retry");
        assertEquals(0, budget.balance());
    }

    @Test
    void shouldRefillTheBudgetWhenVirtualTimePassesItsTtl() {
        RetryBudgetHandle budget = RetryBudgets.create(0, 1, Duration.ofSeconds(10)); // 10 retries per 10 s
        Guard<String> guard = guard(engine, budget);
        assertEquals(4, attempts(guard));
        assertEquals(4, attempts(guard));
        assertEquals(4, attempts(guard));
        assertEquals(2, attempts(guard), "the tenth retry was the last");
        assertEquals(1, attempts(guard), "empty");
        time.advance(Duration.ofSeconds(11));
        assertEquals(10, budget.balance(), "the retries taken expired in virtual time");
        assertEquals(4, attempts(guard));
    }

    @Test
    void shouldFailToShareABudgetBetweenEnginesOfTwoClocks() {
        RetryBudgetHandle budget = RetryBudgets.create(1.0, 0, Duration.ofSeconds(10));
        guard(engine, budget);
        Engine other = new VirtualTime().engine().executor(Runnable::run).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard(other, budget));
        assertTrue(e.getMessage().startsWith("This retry budget already counts on another engine's clock"),
                e.getMessage());
    }

    @Test
    void shouldShareABudgetBetweenGuardsOfOneEngine() {
        RetryBudgetHandle budget = RetryBudgets.create(1.0, 0, Duration.ofSeconds(10));
        Guard<String> first = guard(engine, budget);
        Guard<String> second = guard(engine, budget);
        assertEquals(2, attempts(first));
        assertEquals(2, attempts(second));
    }
}

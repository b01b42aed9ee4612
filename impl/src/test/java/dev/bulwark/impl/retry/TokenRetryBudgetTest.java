package dev.bulwark.impl.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry budget in virtual time, alone and in both drivers. */
class TokenRetryBudgetTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final VirtualTime time = new VirtualTime();

    @Test
    void shouldAllowRatioTimesCallsPlusTheReserve() {
        TokenRetryBudget budget = new TokenRetryBudget(0.2, 1, 10 * SECOND, time);
        assertEquals(10, budget.balance(), "the reserve: 1 per second over 10 s");
        for (int i = 0; i < 50; i++) {
            budget.deposit();
        }
        assertEquals(20, budget.balance(), "0.2 x 50 + 10");
        for (int i = 0; i < 20; i++) {
            assertTrue(budget.tryWithdraw(), "retry " + i);
        }
        assertFalse(budget.tryWithdraw(), "empty");
        assertEquals(0, budget.balance(), "a refused withdrawal takes nothing");
    }

    @Test
    void shouldForgetDepositsAndWithdrawalsAfterTheTtl() {
        TokenRetryBudget budget = new TokenRetryBudget(1.0, 0, 10 * SECOND, time);
        for (int i = 0; i < 5; i++) {
            budget.deposit();
        }
        assertTrue(budget.tryWithdraw());
        assertEquals(4, budget.balance());
        time.advance(9 * SECOND);
        assertEquals(4, budget.balance(), "still inside the ttl");
        time.advance(SECOND);
        assertEquals(0, budget.balance(), "the deposits and the withdrawal of the first slice expired together");
        budget.deposit();
        assertEquals(1, budget.balance());
    }

    @Test
    void shouldKeepTheReserveForLowTraffic() {
        TokenRetryBudget budget = new TokenRetryBudget(0, 2, SECOND, time);
        assertTrue(budget.tryWithdraw());
        assertTrue(budget.tryWithdraw());
        assertFalse(budget.tryWithdraw(), "2 per second, whatever the traffic");
        time.advance(SECOND);
        assertTrue(budget.tryWithdraw(), "the withdrawals expired");
    }

    @Test
    void shouldRefuseInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TokenRetryBudget(-0.1, 0, SECOND, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenRetryBudget(1000.5, 0, SECOND, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenRetryBudget(Double.NaN, 0, SECOND, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenRetryBudget(0.2, -1, SECOND, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenRetryBudget(0.2, 0, SECOND - 1, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenRetryBudget(0.2, 0, 60 * SECOND + 1, time));
    }

    /** Records the retryResult of each call, as ft.retry.calls.total counts it. */
    private static final class Outcomes implements MetricsRecorder {
        final List<RetryOutcome> outcomes = new ArrayList<>();

        @Override
        public Runnable counter(String name, String... tags) {
            if (!name.equals("ft.retry.calls.total")) {
                return NOTHING;
            }
            for (RetryOutcome outcome : RetryOutcome.values()) {
                if (outcome.tag().equals(tags[3])) {
                    return () -> outcomes.add(outcome);
                }
            }
            throw new AssertionError("no retryResult " + tags[3]);
        }
    }

    @Test
    void shouldEndACallWithItsLastFailureWhenTheBudgetIsEmpty() {
        Outcomes outcomes = new Outcomes();
        Engine engine = time.engine().metrics(operation -> outcomes).build();
        TokenRetryBudget budget = new TokenRetryBudget(0.5, 0, 10 * SECOND, time);
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()).withBudget(budget)).build());
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException down = new IllegalStateException("down");
        for (int call = 0; call < 4; call++) {
            assertThrows(IllegalStateException.class, () -> op.call(() -> {
                attempts.incrementAndGet();
                throw down;
            }, null));
        }
        // 4 calls deposit 4 x 0.5 = 2 retries in all: a full outage costs 6 attempts, not 16.
        assertEquals(6, attempts.get());
        assertEquals(RetryOutcome.RETRY_BUDGET_EXHAUSTED, outcomes.outcomes.get(3));
    }

    @Test
    void shouldCapTheRetriesOfAsynchronousCallsToo() throws Exception {
        Engine engine = time.engine().executor(Runnable::run).build();
        TokenRetryBudget budget = new TokenRetryBudget(0, 1, SECOND, time);
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(5, 0, 0, 0, ExceptionMatcher.allExceptions()).withBudget(budget)).build());
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Object> call = op.callAsync(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }, null);
        time.runDue();
        assertTrue(call.isCompletedExceptionally());
        assertEquals(2, attempts.get(), "the first attempt and the one retry the reserve allows");
    }
}

package dev.bulwark.impl.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.LoggedRecords;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * When a retry budget's deposits expire (slices of a tenth of the ttl, counted from the budget's creation), a budget
 * used before any guard binds it, the largest and smallest ttl, and what the retry policy does with a budget or a
 * listener of the application's own.
 */
class RetryBudgetSlicesTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final VirtualTime time = new VirtualTime();

    @Test
    void shouldExpireADepositWithItsSliceCountedFromTheBudgetsCreation() {
        time.advance(30 * MS);
        TokenRetryBudget budget = new TokenRetryBudget(1.0, 0, SECOND, time); // slices start at 30, 130, 230 ms...
        time.advance(110 * MS);
        budget.deposit(); // 140 ms: in the slice of 130..230 ms
        time.advance(985 * MS);
        assertEquals(1, budget.balance(), "1125 ms: that slice is still within the last second");
        time.advance(5 * MS);
        assertEquals(0, budget.balance(), "1130 ms: it left with its slice");
    }

    @Test
    void shouldPutADepositAtTheFirstInstantOfASliceInThatSlice() {
        TokenRetryBudget budget = new TokenRetryBudget(1.0, 0, SECOND, time);
        budget.deposit(); // slice 0
        time.advance(100 * MS);
        budget.deposit(); // exactly 100 ms: slice 1
        time.advance(900 * MS);
        assertEquals(1, budget.balance(), "at 1 s slice 0 has left, slice 1 has not");
    }

    @Test
    void shouldCountOnItsFallbackClockWhenUsedBeforeAnyGuard() {
        TokenRetryBudget budget = TokenRetryBudget.unbound(1.0, 0, SECOND, time);
        budget.deposit();
        assertEquals(1, budget.balance());
        assertTrue(budget.tryWithdraw());
        assertEquals(0, budget.balance());
    }

    @Test
    void shouldAcceptTheShortestAndTheLongestTtl() {
        assertEquals(2, new TokenRetryBudget(0.5, 2, SECOND, time).balance());
        assertEquals(120, new TokenRetryBudget(0.5, 2, 60 * SECOND, time).balance());
    }

    @Test
    void shouldDescribeItsRatioReserveAndBalance() {
        assertEquals("RetryBudget[ratio 0.5, reserve 2, balance 2]",
                new TokenRetryBudget(0.5, 2, SECOND, time).toString());
    }

    @Test
    void shouldDepositIntoABudgetOfTheApplicationsOwn() {
        List<String> calls = new ArrayList<>();
        RetryBudgetHandle own = new RetryBudgetHandle() {
            @Override
            public void deposit() {
                calls.add("deposit");
            }

            @Override
            public boolean tryWithdraw() {
                calls.add("withdraw");
                return false;
            }

            @Override
            public long balance() {
                return 0;
            }
        };
        RetryPolicy policy = new RetryPolicy(RetrySpec.builder(3, 0, 0, 0, ExceptionMatcher.allExceptions())
                .budget(own).build());
        policy.deposit(time.nanoTime());
        assertEquals(false, policy.withdraw());
        assertEquals(List.of("deposit", "withdraw"), calls);
    }

    @Test
    void shouldLogAWarningAndGoOnWhenTheBeforeRetryListenerThrows() {
        try (LoggedRecords capture = LoggedRecords.of(RetryPolicy.class)) {
            RetryPolicy policy = new RetryPolicy(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions())
                    .withBeforeRetry((context, retry, cause) -> {
                        throw new IllegalStateException("listener bug");
                    }));
            policy.beforeRetry(null, 1, new IllegalStateException("down"));
            List<LogRecord> records = capture.records();
            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("beforeRetry listener failed; retrying anyway", records.get(0).getMessage());
        }
    }
}

package dev.bulwark.api;

import java.time.Duration;

/** Creates retry budgets to share between guards, as {@code @RetryBudget} does for annotated methods. */
public final class RetryBudgets {

    private RetryBudgets() {
    }

    /**
     * A new budget allowing {@code ratio} retries per call plus {@code minPerSecond} per second, over the last
     * {@code ttl}, on the shared engine's clock. {@code @RetryBudget}'s defaults are 0.2, 10 and 10 s.
     *
     * <pre>{@code
     * RetryBudgetHandle inventory = RetryBudgets.create(0.2, 10, Duration.ofSeconds(10));
     * Guard<Stock> stock = Guard.<Stock>builder().withRetry(r -> r.maxRetries(3).budget(inventory)).build();
     * }</pre>
     *
     * @throws IllegalArgumentException for a ratio outside 0..1000, a negative minPerSecond, or a ttl null or outside
     *         1..60 s
     */
    public static RetryBudgetHandle create(double ratio, int minPerSecond, Duration ttl) {
        return GuardProviders.get().newRetryBudget(ratio, minPerSecond, ttl);
    }
}

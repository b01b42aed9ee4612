package dev.bulwark.impl.retry;

/** How a retried call ended: the {@code retryResult} tag of {@code ft.retry.calls.total}. */
public enum RetryOutcome {
    VALUE_RETURNED("valueReturned"),
    EXCEPTION_NOT_RETRYABLE("exceptionNotRetryable"),
    MAX_RETRIES_REACHED("maxRetriesReached"),
    MAX_DURATION_REACHED("maxDurationReached"),
    /** Bulwark's own, only for a method with a retry budget: the budget was empty. */
    RETRY_BUDGET_EXHAUSTED("retryBudgetExhausted");

    private final String tag;

    RetryOutcome(String tag) {
        this.tag = tag;
    }

    /** The tag value, as the MP FT metrics chapter spells it. */
    public String tag() {
        return tag;
    }
}

package dev.bulwark.impl.retry;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.Backoff;
import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.api.RetryOptions.BeforeRetryListener;
import dev.bulwark.impl.Checks;
import java.util.function.Predicate;

/**
 * Immutable retry settings, validated once, when {@link Builder#build()} makes them.
 *
 * <p>The spec's four numbers and the failures to retry are what every retry has ({@link #builder}); the rest are
 * optional, with the spec's behaviour as their default.
 */
public final class RetrySpec {

    private final int maxRetries;
    private final long delayNanos;
    private final long maxDurationNanos;
    private final long jitterNanos;
    private final Predicate<Throwable> retryOn;
    private final Backoff backoff;
    private final boolean jitterApplies;
    private final Predicate<Object> retryOnResult;
    private final RetryObserver beforeRetry;
    private final boolean rejectedResultFails;
    private final RetryBudgetHandle budget;

    private RetrySpec(Builder b) {
        Checks c = new Checks();
        maxRetries = c.atLeast(b.maxRetries, -1, "maxRetries");
        delayNanos = c.atLeast(b.delayNanos, 0, "delay");
        maxDurationNanos = c.atLeast(b.maxDurationNanos, 0, "maxDuration");
        jitterNanos = c.atLeast(b.jitterNanos, 0, "jitter");
        retryOn = c.notNull(b.retryOn, "retryOn");
        backoff = c.notNull(b.backoff, "backoff");
        c.check(maxDurationNanos == 0 || maxDurationNanos > delayNanos, "maxDuration", maxDurationNanos + " ns",
                "must be greater than delay (" + delayNanos + " ns)", "delay");
        c.done();
        jitterApplies = b.jitterApplies;
        retryOnResult = b.retryOnResult;
        beforeRetry = b.beforeRetry;
        rejectedResultFails = b.rejectedResultFails;
        budget = b.budget;
    }

    /**
     * A retry with the spec's settings: constant delay plus jitter, no result predicate, no listener, no budget.
     *
     * @param maxRetries retries after the first attempt; -1 means unlimited
     * @param delayNanos base delay before each retry, >= 0
     * @param maxDurationNanos no retry starts once this long has passed since the first attempt; 0 = no limit
     * @param jitterNanos each delay moves by a uniform random amount in [-jitter, jitter]; >= 0
     * @param retryOn which failures are retried (the spec's retryOn/abortOn as an {@code ExceptionMatcher}, or a
     *        predicate of the application's)
     */
    public static Builder builder(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
            Predicate<Throwable> retryOn) {
        return new Builder(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn);
    }

    /** The spec's retry: {@link #builder} with nothing else set. */
    public static RetrySpec of(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
            Predicate<Throwable> retryOn) {
        return builder(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn).build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn);
        b.backoff = backoff;
        b.jitterApplies = jitterApplies;
        b.retryOnResult = retryOnResult;
        b.beforeRetry = beforeRetry;
        b.rejectedResultFails = rejectedResultFails;
        b.budget = budget;
        return b;
    }

    /** This retry with other growth of its delays. */
    public RetrySpec withBackoff(Backoff newBackoff, boolean newJitterApplies) {
        return toBuilder().backoff(newBackoff, newJitterApplies).build();
    }

    /** This retry deciding with {@code newRetryOn} which failures to retry. */
    public RetrySpec withRetryOn(Predicate<Throwable> newRetryOn) {
        return toBuilder().retryOn(newRetryOn).build();
    }

    /** This retry also retrying the results {@code predicate} accepts, failing when they are all rejected. */
    public RetrySpec withRejectedResults(Predicate<Object> predicate) {
        return toBuilder().retryOnResult(predicate).rejectedResultFails(true).build();
    }

    /** This retry telling {@code observer} of each retry. */
    public RetrySpec withBeforeRetry(RetryObserver observer) {
        return toBuilder().beforeRetry(observer).build();
    }

    /** This retry capped by {@code newBudget} (null: none). */
    public RetrySpec withBudget(RetryBudgetHandle newBudget) {
        return toBuilder().budget(newBudget).build();
    }

    /** Retries after the first attempt; -1 means unlimited. */
    public int maxRetries() {
        return maxRetries;
    }

    /** Base delay before each retry. */
    public long delayNanos() {
        return delayNanos;
    }

    /** No retry starts once this long has passed since the first attempt; 0 = no limit. */
    public long maxDurationNanos() {
        return maxDurationNanos;
    }

    /** Each delay moves by a uniform random amount in [-jitter, jitter]. */
    public long jitterNanos() {
        return jitterNanos;
    }

    /** Which failures are retried. */
    public Predicate<Throwable> retryOn() {
        return retryOn;
    }

    /** How delays grow; {@link Backoffs#CONSTANT} is the spec's behaviour. */
    public Backoff backoff() {
        return backoff;
    }

    /** Whether {@link #jitterNanos()} is added to what {@link #backoff()} returns. */
    public boolean jitterApplies() {
        return jitterApplies;
    }

    /** Results that are retried as if they had failed; null for none. */
    public Predicate<Object> retryOnResult() {
        return retryOnResult;
    }

    /** Called before each retry; null for none. */
    public RetryObserver beforeRetry() {
        return beforeRetry;
    }

    /**
     * Whether a result still rejected when retrying stops ends the call with a {@code ResultRejectedException} (the
     * annotations' rule, so a fallback can apply) rather than being returned (the programmatic API's rule).
     */
    public boolean rejectedResultFails() {
        return rejectedResultFails;
    }

    /** Caps retries as a share of the calls made; null for none. */
    public RetryBudgetHandle budget() {
        return budget;
    }

    @Override
    public String toString() {
        return "RetrySpec[maxRetries=" + maxRetries + ", delayNanos=" + delayNanos + ", maxDurationNanos="
                + maxDurationNanos + ", jitterNanos=" + jitterNanos + ", backoff=" + backoff + ", budget=" + budget
                + "]";
    }

    /** Collects retry settings; {@link #build()} validates them. */
    public static final class Builder {

        private final int maxRetries;
        private final long delayNanos;
        private final long maxDurationNanos;
        private final long jitterNanos;
        private Predicate<Throwable> retryOn;
        private Backoff backoff = Backoffs.CONSTANT;
        private boolean jitterApplies = true;
        private Predicate<Object> retryOnResult;
        private RetryObserver beforeRetry;
        private boolean rejectedResultFails;
        private RetryBudgetHandle budget;

        private Builder(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
                Predicate<Throwable> retryOn) {
            this.maxRetries = maxRetries;
            this.delayNanos = delayNanos;
            this.maxDurationNanos = maxDurationNanos;
            this.jitterNanos = jitterNanos;
            this.retryOn = retryOn;
        }

        /** Which failures are retried. */
        public Builder retryOn(Predicate<Throwable> predicate) {
            this.retryOn = predicate;
            return this;
        }

        /** How delays grow, and whether the jitter is added to what {@code growth} returns. */
        public Builder backoff(Backoff growth, boolean jitterIsAdded) {
            this.backoff = growth;
            this.jitterApplies = jitterIsAdded;
            return this;
        }

        /** Results that are retried as if they had failed; null for none. */
        public Builder retryOnResult(Predicate<Object> predicate) {
            this.retryOnResult = predicate;
            return this;
        }

        /** Told of each retry, with the call's context; null for none. */
        public Builder beforeRetry(RetryObserver observer) {
            this.beforeRetry = observer;
            return this;
        }

        /** The programmatic API's listener, which is not told the call's context; null for none. */
        public Builder beforeRetryListener(BeforeRetryListener listener) {
            this.beforeRetry = listener == null ? null
                    : (context, retry, cause) -> listener.beforeRetry(retry, cause);
            return this;
        }

        /** See {@link RetrySpec#rejectedResultFails()}; false unless set. */
        public Builder rejectedResultFails(boolean fails) {
            this.rejectedResultFails = fails;
            return this;
        }

        /** Caps retries as a share of the calls made; null for none. */
        public Builder budget(RetryBudgetHandle handle) {
            this.budget = handle;
            return this;
        }

        /** The settings, validated; an {@link IllegalArgumentException} names the first invalid one. */
        public RetrySpec build() {
            return new RetrySpec(this);
        }
    }
}

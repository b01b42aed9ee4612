package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.noNulls;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.Backoff;
import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.api.RetryOptions;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.Backoffs;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.retry.TokenRetryBudget;
import dev.bulwark.impl.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Collects {@link RetryOptions}; the spec's defaults until told otherwise. */
final class RetrySettings implements RetryOptions {

    private int maxRetries = 3;
    private Duration delay = Duration.ZERO;
    private Duration maxDuration = Duration.ofMinutes(3);
    private Duration jitter = Duration.ofMillis(200);
    private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
    private List<Class<? extends Throwable>> abortOn = List.of();
    private Predicate<Object> retryIfResult;
    private BeforeRetryListener beforeRetry;
    private Backoff backoff = Backoffs.CONSTANT;
    private boolean jitterApplies = true;
    private RetryBudgetHandle budget;

    @Override
    public RetryOptions maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    @Override
    public RetryOptions delay(Duration delay) {
        this.delay = notNull(delay, "delay");
        return this;
    }

    @Override
    public RetryOptions maxDuration(Duration maxDuration) {
        this.maxDuration = notNull(maxDuration, "maxDuration");
        return this;
    }

    @Override
    public RetryOptions jitter(Duration jitter) {
        this.jitter = notNull(jitter, "jitter");
        return this;
    }

    @SafeVarargs
    @Override
    public final RetryOptions retryOn(Class<? extends Throwable>... types) {
        this.retryOn = noNulls("retryOn", types);
        return this;
    }

    @SafeVarargs
    @Override
    public final RetryOptions abortOn(Class<? extends Throwable>... types) {
        this.abortOn = noNulls("abortOn", types);
        return this;
    }

    @Override
    public RetryOptions retryIfResult(Predicate<Object> resultPredicate) {
        this.retryIfResult = notNull(resultPredicate, "retryIfResult");
        return this;
    }

    @Override
    public RetryOptions beforeRetry(BeforeRetryListener listener) {
        this.beforeRetry = notNull(listener, "beforeRetry");
        return this;
    }

    @Override
    public RetryOptions exponentialBackoff(double factor, Duration maxDelay) {
        return strategy(Backoffs.exponential(factor, notNull(maxDelay, "maxDelay").toNanos()), true);
    }

    @Override
    public RetryOptions fibonacciBackoff(Duration maxDelay) {
        return strategy(Backoffs.fibonacci(notNull(maxDelay, "maxDelay").toNanos()), true);
    }

    @Override
    public RetryOptions fullJitterBackoff(Duration maxDelay) {
        return strategy(Backoffs.fullJitter(notNull(maxDelay, "maxDelay").toNanos()), false);
    }

    @Override
    public RetryOptions decorrelatedJitterBackoff(Duration maxDelay) {
        return strategy(Backoffs.decorrelatedJitter(notNull(maxDelay, "maxDelay").toNanos()), false);
    }

    @Override
    public RetryOptions backoff(Backoff backoff) {
        return strategy(notNull(backoff, "backoff"), false);
    }

    private RetryOptions strategy(Backoff backoff, boolean jitterApplies) {
        this.backoff = backoff;
        this.jitterApplies = jitterApplies;
        return this;
    }

    @Override
    public RetryOptions budget(RetryBudgetHandle budget) {
        this.budget = notNull(budget, "budget");
        return this;
    }

    /** The spec of a guard on an engine with {@code clock}, which a budget of {@code RetryBudgets.create} counts on. */
    RetrySpec toSpec(Clock clock) {
        if (budget instanceof TokenRetryBudget ours) {
            ours.bindTo(clock);
        }
        return RetrySpec.builder(maxRetries, delay.toNanos(), maxDuration.toNanos(), jitter.toNanos(),
                        ExceptionMatcher.of(retryOn, abortOn))
                .backoff(backoff, jitterApplies).retryOnResult(retryIfResult).beforeRetryListener(beforeRetry)
                .budget(budget).build();
    }
}

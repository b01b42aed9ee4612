package dev.bulwark.it.app;

import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CustomBackoff;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.FibonacciBackoff;
import dev.bulwark.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/** The annotations that refine @Retry and @CircuitBreaker, as users coming from SmallRye FT write them. */
@ApplicationScoped
public class Refined {

    public static final String BREAKER = "it-inventory";

    @Inject
    Attempts attempts;

    private final List<Long> times = Collections.synchronizedList(new ArrayList<>());

    /** The gaps between the attempts of the method called last, in milliseconds. */
    public List<Long> gaps() {
        List<Long> gaps = new ArrayList<>();
        synchronized (times) {
            for (int i = 1; i < times.size(); i++) {
                gaps.add(TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1)));
            }
        }
        return gaps;
    }

    /** Counts an attempt and notes its time; the first attempt of a method since the last reset starts anew. */
    private void attempt(String name) {
        if (attempts.next(name) == 1) {
            times.clear();
        }
        times.add(System.nanoTime());
    }

    /** A preset: a 2 s timeout, 2 retries with an exponential backoff and a retry budget, and a breaker. */
    @dev.bulwark.api.Guarded(dev.bulwark.api.Preset.HTTP_INTERNAL)
    public String preset() {
        attempt("preset");
        throw new IllegalStateException("down");
    }

    /** A retry budget of one retry a second, whatever the traffic. */
    @Retry(maxRetries = 3, delay = 0, jitter = 0)
    @dev.bulwark.api.RetryBudget(ratio = 0, minPerSecond = 1, ttl = 1)
    public String budgeted() {
        attempt("budgeted");
        throw new IllegalStateException("down");
    }

    @Retry(maxRetries = 3, delay = 20, jitter = 0)
    @ExponentialBackoff
    public String exponential() {
        attempt("exponential");
        throw new IllegalStateException("down");
    }

    @Retry(maxRetries = 3, delay = 20, jitter = 0)
    @FibonacciBackoff
    public String fibonacci() {
        attempt("fibonacci");
        throw new IllegalStateException("down");
    }

    @Retry(maxRetries = 2, delay = 5, jitter = 0)
    @CustomBackoff(TenMillis.class)
    public String custom() {
        attempt("custom");
        throw new IllegalStateException("down");
    }

    /** Null twice, then a value: retried on the result, with the injected handler told before each retry. */
    @Retry(maxRetries = 3, jitter = 0)
    @RetryWhen(result = IsNull.class)
    @BeforeRetry(RetryLog.class)
    public String nullTwice() {
        return attempts.next("nullTwice") < 3 ? null : "third";
    }

    @Retry(maxRetries = 2, jitter = 0)
    @BeforeRetry(methodName = "prepare")
    public String withBeforeRetryMethod() {
        attempt("withBeforeRetryMethod");
        throw new IllegalStateException("down");
    }

    void prepare() {
        attempts.next("prepare");
    }

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    @CircuitBreakerName(BREAKER)
    public String inventory(boolean fail) {
        if (fail) {
            throw new IllegalStateException("down");
        }
        return "in stock";
    }

    /** Not a bean: one instance made for the method. */
    public static class TenMillis implements CustomBackoffStrategy {
        @Override
        public long nextDelayInMillis(Throwable exception) {
            return 10;
        }
    }
}

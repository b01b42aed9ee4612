package dev.bulwark.impl.retry;

import dev.bulwark.api.Backoff;
import dev.bulwark.impl.Checks;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in backoff strategies. Each is stateless; what changes between retries is passed in. A {@code maxNanos}
 * of 0 means no cap, as {@code maxDelay = 0} does in {@code @ExponentialBackoff} and {@code @FibonacciBackoff}, so
 * the annotations and the programmatic options mean the same thing by it.
 */
public final class Backoffs {

    private Backoffs() {
    }

    /** The spec's strategy: always the base delay (jitter is added by the retry policy). */
    public static final Backoff CONSTANT = (retry, base, previous) -> base;

    /** base * factor^(retry-1), capped at {@code maxNanos} (0: no cap). */
    public static Backoff exponential(double factor, long maxNanos) {
        Checks c = new Checks();
        c.check(factor >= 1, "factor", factor, "must be >= 1");
        c.atLeast(maxNanos, 0, "maxDelay");
        c.done();
        long cap = cap(maxNanos);
        return (retry, base, previous) -> capped(base * Math.pow(factor, retry - 1), cap);
    }

    /**
     * base * fib(retry + 1): base, 2 base, 3 base, 5 base, 8 base, ... (the sequence {@code @FibonacciBackoff} and
     * {@code RetryOptions.fibonacciBackoff} document, as SmallRye's does), capped at {@code maxNanos} (0: no cap).
     */
    public static Backoff fibonacci(long maxNanos) {
        long cap = maxDelay(maxNanos);
        return (retry, base, previous) -> capped(base * fib(retry + 1L, base, cap), cap);
    }

    /** Checks a maxDelay and returns the cap it stands for. */
    private static long maxDelay(long maxNanos) {
        Checks c = new Checks();
        c.atLeast(maxNanos, 0, "maxDelay");
        c.done();
        return cap(maxNanos);
    }

    /** 0 means no cap. */
    private static long cap(long maxNanos) {
        return maxNanos == 0 ? Long.MAX_VALUE : maxNanos;
    }

    /** fib(n), fib(1) = fib(2) = 1; stops growing once base times it reaches {@code maxNanos}. */
    private static double fib(long n, long base, long maxNanos) {
        if (base == 0) {
            return 0;
        }
        double a = 1, b = 1;
        for (long i = 2; i < n && a * base < maxNanos; i++) {
            double next = a + b;
            a = b;
            b = next;
        }
        return n <= 2 ? 1 : b;
    }

    /** "Full jitter": uniform in [0, min(max, base * 2^(retry-1))]; a max of 0 is no cap. */
    public static Backoff fullJitter(long maxNanos) {
        long cap = maxDelay(maxNanos);
        return (retry, base, previous) -> {
            long ceiling = capped(base * Math.pow(2, retry - 1), cap);
            return ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        };
    }

    /** "Decorrelated jitter": uniform in [base, max(base, 3 * previous)], capped at {@code maxNanos} (0: no cap). */
    public static Backoff decorrelatedJitter(long maxNanos) {
        long cap = maxDelay(maxNanos);
        return (retry, base, previous) -> {
            long upper = Math.max(base, capped(3.0 * previous, cap));
            long delay = upper == base ? base : ThreadLocalRandom.current().nextLong(base, upper + 1);
            return Math.min(delay, cap);
        };
    }

    private static long capped(double nanos, long maxNanos) {
        return nanos >= maxNanos ? maxNanos : (long) nanos;
    }
}

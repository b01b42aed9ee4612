package dev.bulwark.impl.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.exception.ExceptionMatcher;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry decisions on their own: no driver, no time. */
class RetryPolicyTest {

    private static RetryPolicy policy(int maxRetries, long delay, long maxDuration, long jitter) {
        return new RetryPolicy(RetrySpec.of(maxRetries, delay, maxDuration, jitter, ExceptionMatcher.allExceptions()));
    }

    @Test
    void shouldAllowExactlyMaxRetries() {
        RetryPolicy p = policy(2, 0, 0, 0);
        assertNull(p.stopReason(0, 0));
        assertNull(p.stopReason(1, 0));
        assertEquals(RetryOutcome.MAX_RETRIES_REACHED, p.stopReason(2, 0));
    }

    @Test
    void shouldAllowNoRetryWithZeroMaxRetries() {
        assertEquals(RetryOutcome.MAX_RETRIES_REACHED, policy(0, 0, 0, 0).stopReason(0, 0));
    }

    @Test
    void shouldNeverStopForTheCountWithMinusOneMaxRetries() {
        assertNull(policy(-1, 0, 0, 0).stopReason(Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void shouldStopOnceMaxDurationHasElapsed() {
        RetryPolicy p = policy(-1, 10, 1_000, 0);
        assertNull(p.stopReason(5, 999));
        assertEquals(RetryOutcome.MAX_DURATION_REACHED, p.stopReason(5, 1_000));
    }

    @Test
    void shouldReportMaxRetriesBeforeMaxDurationWhenBothAreReached() {
        assertEquals(RetryOutcome.MAX_RETRIES_REACHED, policy(1, 10, 1_000, 0).stopReason(1, 5_000));
    }

    @Test
    void shouldRetryTheDefaultRetryOnExceptionsButNotErrors() {
        RetryPolicy p = policy(3, 0, 0, 0);
        assertTrue(p.retriesOn(new IOException()));
        assertTrue(p.retriesOn(new IllegalStateException()));
        assertFalse(p.retriesOn(new StackOverflowError()));
    }

    @Test
    void shouldLetAbortOnWinOverRetryOnForASubclass() {
        RetryPolicy p = new RetryPolicy(RetrySpec.of(3, 0, 0, 0,
                ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class))));
        assertTrue(p.retriesOn(new IOException()));
        assertFalse(p.retriesOn(new FileNotFoundException()));
    }

    @Test
    void shouldRetryAResultOnlyWhenThePredicateAcceptsIt() {
        RetryPolicy p = new RetryPolicy(RetrySpec.builder(3, 0, 0, 0, ExceptionMatcher.allExceptions())
                .retryOnResult(result -> result == null).build());
        assertTrue(p.retriesOnResult(null));
        assertFalse(p.retriesOnResult("value"));
    }

    @Test
    void shouldNeverRetryAResultWithoutAPredicate() {
        assertFalse(policy(3, 0, 0, 0).retriesOnResult(null));
    }

    @Test
    void shouldUseTheDelayAsItIsWithoutJitter() {
        assertEquals(100, policy(3, 100, 0, 0).delayNanos(1, 0, null));
        assertEquals(100, policy(3, 100, 0, 0).delayNanos(7, 100, null));
    }

    @Test
    void shouldKeepJitteredDelaysWithinDelayPlusOrMinusJitter() {
        RetryPolicy p = policy(3, 100, 0, 30);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 20_000; i++) {
            long d = p.delayNanos(1, 0, null);
            assertTrue(d >= 70 && d <= 130, "was " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // 20,000 draws from 61 values: missing either end has a probability far below 1e-100.
        assertEquals(70, min);
        assertEquals(130, max);
    }

    @Test
    void shouldNeverMakeAJitteredDelayNegative() {
        RetryPolicy p = policy(3, 10, 0, 100);
        boolean sawZero = false;
        for (int i = 0; i < 20_000; i++) {
            long d = p.delayNanos(1, 0, null);
            assertTrue(d >= 0 && d <= 110, "was " + d);
            sawZero |= d == 0;
        }
        assertTrue(sawZero, "draws below zero are raised to zero");
    }

    @Test
    void shouldAddJitterToTheBackoffsDelay() {
        RetryPolicy p = new RetryPolicy(RetrySpec.builder(5, 100, 0, 10, ExceptionMatcher.allExceptions())
                .backoff(Backoffs.exponential(2, 10_000), true).build());
        for (int i = 0; i < 1_000; i++) {
            long d = p.delayNanos(3, 200, null);
            assertTrue(d >= 390 && d <= 410, "was " + d);
        }
    }

    @Test
    void shouldNotAddJitterWhenTheSpecSaysItDoesNotApply() {
        RetryPolicy p = new RetryPolicy(RetrySpec.builder(5, 100, 0, 50, ExceptionMatcher.allExceptions())
                .backoff((retry, base, previous) -> 1_000 + retry, false).build());
        for (int i = 0; i < 100; i++) {
            assertEquals(1_002, p.delayNanos(2, 0, null));
        }
    }

    @Test
    void shouldTakeANegativeBackoffDelayAsZero() {
        RetryPolicy p = new RetryPolicy(RetrySpec.builder(5, 100, 0, 0, ExceptionMatcher.allExceptions())
                .backoff((retry, base, previous) -> -5, true).build());
        assertEquals(0, p.delayNanos(1, 0, null));
    }

    @Test
    void shouldTellTheBeforeRetryListenerTheRetryNumberAndCause() {
        StringBuilder seen = new StringBuilder();
        RetryPolicy p = new RetryPolicy(RetrySpec.builder(5, 0, 0, 0, ExceptionMatcher.allExceptions())
                .beforeRetryListener((retry, cause) -> seen.append(retry).append(cause.getMessage())).build());
        p.beforeRetry(null, 2, new IOException("boom"));
        assertEquals("2boom", seen.toString());
    }

    @Test
    void shouldRejectAMaxDurationNotAboveTheDelay() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrySpec.of(3, 1_000, 1_000, 0, ExceptionMatcher.allExceptions()));
        assertEquals("maxDuration must be greater than delay (1000 ns), was 1000 ns", e.getMessage());
    }

    @Test
    void shouldRejectMaxRetriesBelowMinusOneNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrySpec.of(-2, 0, 0, 0, ExceptionMatcher.allExceptions()));
        assertEquals("maxRetries must be >= -1, was -2", e.getMessage());
    }

    @Test
    void shouldRejectANegativeJitterNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrySpec.of(3, 0, 0, -1, ExceptionMatcher.allExceptions()));
        assertEquals("jitter must be >= 0, was -1", e.getMessage());
    }
}

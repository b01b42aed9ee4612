package dev.bulwark.impl.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.Backoff;
import dev.bulwark.impl.exception.ExceptionMatcher;
import org.junit.jupiter.api.Test;

class BackoffsTest {

    @Test
    void shouldGrowExponentiallyUpToTheCap() {
        Backoff b = Backoffs.exponential(2, 700);
        assertEquals(100, b.nextDelayNanos(1, 100, 0));
        assertEquals(200, b.nextDelayNanos(2, 100, 100));
        assertEquals(400, b.nextDelayNanos(3, 100, 200));
        assertEquals(700, b.nextDelayNanos(4, 100, 400));
        assertEquals(700, b.nextDelayNanos(60, 100, 700));
    }

    @Test
    void shouldFollowFibonacciUpToTheCap() {
        Backoff b = Backoffs.fibonacci(1_000);
        long[] expected = {10, 10, 20, 30, 50, 80, 130};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], b.nextDelayNanos(i + 1, 10, 0), "retry " + (i + 1));
        }
        assertEquals(1_000, b.nextDelayNanos(40, 10, 0));
    }

    @Test
    void shouldKeepFullJitterWithinZeroAndTheExponentialCeiling() {
        Backoff b = Backoffs.fullJitter(10_000);
        for (int i = 0; i < 1_000; i++) {
            long d = b.nextDelayNanos(3, 100, 0);
            assertTrue(d >= 0 && d <= 400, "was " + d);
        }
    }

    @Test
    void shouldKeepDecorrelatedJitterBetweenBaseAndThreeTimesThePrevious() {
        Backoff b = Backoffs.decorrelatedJitter(1_000);
        for (int i = 0; i < 1_000; i++) {
            long d = b.nextDelayNanos(2, 100, 200);
            assertTrue(d >= 100 && d <= 600, "was " + d);
            assertTrue(b.nextDelayNanos(2, 100, 900) <= 1_000);
        }
    }

    @Test
    void shouldKeepSpecJitterWithinDelayPlusOrMinusJitterAndNeverNegative() {
        RetryPolicy policy = new RetryPolicy(RetrySpec.of(3, 100, 0, 30, ExceptionMatcher.all()));
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long d = policy.delayNanos(1, 0);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min >= 70 && max <= 130, min + ".." + max);
        assertTrue(max - min > 40, "jitter actually spreads the delays: " + min + ".." + max);

        RetryPolicy wide = new RetryPolicy(RetrySpec.of(3, 10, 0, 100, ExceptionMatcher.all()));
        for (int i = 0; i < 1_000; i++) {
            assertTrue(wide.delayNanos(1, 0) >= 0);
        }
    }

    @Test
    void shouldRejectAFactorBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(0.5, 10));
    }
}

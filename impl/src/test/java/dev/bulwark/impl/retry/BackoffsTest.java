package dev.bulwark.impl.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.Backoff;
import org.junit.jupiter.api.Test;

class BackoffsTest {

    @Test
    void shouldAlwaysReturnTheBaseDelayForConstant() {
        for (int retry = 1; retry <= 10; retry++) {
            assertEquals(100, Backoffs.CONSTANT.nextDelayNanos(retry, 100, 100));
        }
    }

    @Test
    void shouldGrowExponentiallyUpToTheCap() {
        Backoff b = Backoffs.exponential(2, 700);
        assertEquals(100, b.nextDelayNanos(1, 100, 0));
        assertEquals(200, b.nextDelayNanos(2, 100, 100));
        assertEquals(400, b.nextDelayNanos(3, 100, 200));
        assertEquals(700, b.nextDelayNanos(4, 100, 400), "800 capped at 700");
    }

    @Test
    void shouldStayAtTheExponentialCapForVeryLateRetries() {
        Backoff b = Backoffs.exponential(3, 5_000);
        assertEquals(5_000, b.nextDelayNanos(60, 100, 5_000));
        assertEquals(5_000, b.nextDelayNanos(Integer.MAX_VALUE, 100, 5_000), "no overflow");
    }

    @Test
    void shouldUseANonIntegerExponentialFactor() {
        Backoff b = Backoffs.exponential(1.5, 10_000);
        assertEquals(100, b.nextDelayNanos(1, 100, 0));
        assertEquals(150, b.nextDelayNanos(2, 100, 0));
        assertEquals(225, b.nextDelayNanos(3, 100, 0));
    }

    @Test
    void shouldFollowFibonacciFromOneTwoUpToTheCap() {
        Backoff b = Backoffs.fibonacci(1_000);
        long[] expected = {10, 20, 30, 50, 80, 130, 210, 340, 550, 890, 1_000, 1_000};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], b.nextDelayNanos(i + 1, 10, 0), "retry " + (i + 1));
        }
    }

    @Test
    void shouldGiveZeroFibonacciDelaysForAZeroBaseWithoutCountingUpTheSequence() {
        assertEquals(0, Backoffs.fibonacci(Long.MAX_VALUE).nextDelayNanos(Integer.MAX_VALUE, 0, 0));
    }

    @Test
    void shouldStayAtTheFibonacciCapForVeryLateRetries() {
        assertEquals(1_000, Backoffs.fibonacci(1_000).nextDelayNanos(Integer.MAX_VALUE, 10, 0));
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
    void shouldCapFullJitterAtTheMaximum() {
        Backoff b = Backoffs.fullJitter(300);
        for (int i = 0; i < 1_000; i++) {
            long d = b.nextDelayNanos(10, 100, 0);
            assertTrue(d >= 0 && d <= 300, "was " + d);
        }
    }

    @Test
    void shouldStartDecorrelatedJitterAtTheBaseDelay() {
        assertEquals(100, Backoffs.decorrelatedJitter(1_000).nextDelayNanos(1, 100, 0));
    }

    @Test
    void shouldKeepDecorrelatedJitterBetweenBaseAndThreeTimesThePrevious() {
        Backoff b = Backoffs.decorrelatedJitter(1_000);
        for (int i = 0; i < 1_000; i++) {
            long d = b.nextDelayNanos(2, 100, 200);
            assertTrue(d >= 100 && d <= 600, "was " + d);
        }
    }

    @Test
    void shouldCapDecorrelatedJitterAtTheMaximum() {
        Backoff b = Backoffs.decorrelatedJitter(1_000);
        for (int i = 0; i < 1_000; i++) {
            long d = b.nextDelayNanos(5, 100, 900);
            assertTrue(d >= 100 && d <= 1_000, "was " + d);
        }
    }

    @Test
    void shouldRejectAFactorBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(0.5, 10));
        assertEquals("factor must be >= 1, was 0.5", e.getMessage());
    }

    @Test
    void shouldRejectANegativeCap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backoffs.fibonacci(-1));
        assertEquals("maxDelay must be >= 0, was -1", e.getMessage());
    }
}

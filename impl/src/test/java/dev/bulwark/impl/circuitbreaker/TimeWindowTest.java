package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The time-based window and slow calls, in virtual time at their boundaries. */
class TimeWindowTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = 1000 * MS;
    private final VirtualTime time = new VirtualTime();

    /** At least {@code minCalls} calls in the last 10 s (10 buckets of 1 s), opening at half of them failed. */
    private CircuitBreaker timed(int minCalls) {
        return new CircuitBreaker(CircuitBreakerSpec.builder(minCalls, 0.5, 60 * SECOND, 1, ExceptionMatcher.all())
                .name("t").build().withTimeWindow(10 * SECOND, 10), "t", time);
    }

    private static void succeed(CircuitBreaker cb, int n) {
        for (int i = 0; i < n; i++) {
            cb.onSuccess(cb.tryAcquire());
        }
    }

    private static void fail(CircuitBreaker cb, int n) {
        for (int i = 0; i < n; i++) {
            cb.onFailure(cb.tryAcquire());
        }
    }

    @Test
    void shouldNotOpenBelowTheMinimumNumberOfCallsInTheWindow() {
        CircuitBreaker cb = timed(4);
        fail(cb, 3);
        assertEquals(CircuitState.CLOSED, cb.state(), "3 failures, but fewer than 4 calls");
        fail(cb, 1);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldOpenOnTheShareOfFailuresInTheWindow() {
        CircuitBreaker cb = timed(4);
        succeed(cb, 3);
        fail(cb, 2);
        assertEquals(CircuitState.CLOSED, cb.state(), "2 of 5 failed");
        fail(cb, 1);
        assertEquals(CircuitState.OPEN, cb.state(), "3 of 6 failed: half");
    }

    @Test
    void shouldForgetOutcomesOlderThanTheWindow() {
        CircuitBreaker cb = timed(4);
        fail(cb, 3);
        time.advance(10 * SECOND); // the bucket of those failures has left the window
        succeed(cb, 1);
        fail(cb, 2);
        assertEquals(CircuitState.CLOSED, cb.state(), "only 3 calls in the window now");
        fail(cb, 1);
        assertEquals(CircuitState.OPEN, cb.state(), "3 of 4 failed within the window");
    }

    @Test
    void shouldKeepOutcomesUntilTheirBucketLeaves() {
        CircuitBreaker cb = timed(4);
        fail(cb, 2);
        time.advance(9 * SECOND + 999 * MS); // the last instant the first bucket is in the window
        fail(cb, 2);
        assertEquals(CircuitState.OPEN, cb.state(), "4 failures within 10 s");
    }

    @Test
    void shouldLetASuccessTripAWindowThatReachesItsMinimumAtTheRatio() {
        CircuitBreaker cb = timed(4);
        fail(cb, 2);
        succeed(cb, 1);
        assertEquals(CircuitState.CLOSED, cb.state());
        succeed(cb, 1);
        assertEquals(CircuitState.OPEN, cb.state(), "4 calls, 2 failed: the share is reached with the 4th call");
    }

    @Test
    void shouldOpenOnSlowCallsInACountWindow() {
        CircuitBreaker cb = new CircuitBreaker(
                CircuitBreakerSpec.builder(4, 0.5, 60 * SECOND, 1, ExceptionMatcher.all())
                .name("s").build().withSlowCalls(100 * MS, 0.75), "s", time);
        for (int i = 0; i < 4; i++) {
            Object permit = cb.tryAcquire();
            long started = cb.startTime();
            time.advance(i == 0 ? 100 * MS : 101 * MS); // exactly the threshold is not slow
            cb.onSuccess(permit, started);
            assertEquals(i < 3 ? CircuitState.CLOSED : CircuitState.OPEN, cb.state(), "call " + i);
        }
    }

    @Test
    void shouldOpenOnSlowCallsInATimeWindowAndReopenOnASlowTrial() {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.builder(2, 1.0, SECOND, 1, ExceptionMatcher.all())
                .name("s").build().withTimeWindow(10 * SECOND, 10).withSlowCalls(50 * MS, 1.0),
                "s", time);
        for (int i = 0; i < 2; i++) {
            Object permit = cb.tryAcquire();
            long started = cb.startTime();
            time.advance(60 * MS);
            cb.onSuccess(permit, started);
        }
        assertEquals(CircuitState.OPEN, cb.state(), "every call slow, though none failed");
        time.advance(SECOND);
        Object trial = cb.tryAcquire();
        long started = cb.startTime();
        time.advance(60 * MS);
        cb.onSuccess(trial, started);
        assertEquals(CircuitState.OPEN, cb.state(), "a slow trial does not close it");
    }

    @Test
    void shouldCountSlowCallsBesideConsecutiveFailures() {
        CircuitBreaker cb = new CircuitBreaker(
                CircuitBreakerSpec.builder(2, 0.5, 60 * SECOND, 1, ExceptionMatcher.all())
                .name("c").consecutiveFailures(3).build().withSlowCalls(10 * MS, 1.0), "c", time);
        for (int i = 0; i < 2; i++) {
            Object permit = cb.tryAcquire();
            long started = cb.startTime();
            time.advance(20 * MS);
            cb.onSuccess(permit, started);
        }
        assertEquals(CircuitState.OPEN, cb.state(), "the last 2 calls were slow");
    }

    @Test
    void shouldRefuseInvalidWindows() {
        CircuitBreakerSpec spec = CircuitBreakerSpec.of(4, 0.5, SECOND, 1, ExceptionMatcher.all());
        assertThrows(IllegalArgumentException.class, () -> spec.withTimeWindow(SECOND, 0));
        assertThrows(IllegalArgumentException.class, () -> spec.withTimeWindow(SECOND, 1001));
        assertThrows(IllegalArgumentException.class, () -> spec.withTimeWindow(5, 10));
        assertThrows(IllegalArgumentException.class, () -> spec.withSlowCalls(MS, 0));
        assertThrows(IllegalArgumentException.class, () -> spec.withSlowCalls(MS, 1.5));
    }
}

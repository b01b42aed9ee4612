package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The time window's buckets at their edges: a call at the first instant of a bucket belongs to it, buckets are laid
 * out from the breaker's creation (not from the clock's zero), and slow calls still count once the window is full.
 */
class TimeWindowBucketsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = 1000 * MS;
    private final VirtualTime time = new VirtualTime();

    /** 10 s in 10 buckets of 1 s, at least 2 calls, opening when all of them failed. */
    private CircuitBreaker timed() {
        return new CircuitBreaker(CircuitBreakerSpec.builder(2, 1.0, 60 * SECOND, 1, ExceptionMatcher.all())
                .build().withTimeWindow(10 * SECOND, 10), "t", time);
    }

    private static void succeed(CircuitBreaker cb) {
        cb.onSuccess(cb.tryAcquire());
    }

    private static void fail(CircuitBreaker cb) {
        cb.onFailure(cb.tryAcquire());
    }

    @Test
    void shouldPutACallAtTheFirstInstantOfABucketInThatBucket() {
        CircuitBreaker cb = timed();
        succeed(cb); // bucket 0
        time.advance(SECOND);
        fail(cb); // exactly 1 s: bucket 1, which is still in the window at 10 s
        time.advance(9 * SECOND);
        fail(cb); // 10 s: bucket 0 and its success have left; buckets 1 and 10 hold 2 failures of 2 calls
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldLayTheBucketsOutFromTheBreakersCreation() {
        time.advance(250 * MS);
        CircuitBreaker cb = timed(); // buckets start at 0.25 s, 1.25 s, ...
        fail(cb); // 0.25 s: bucket 0
        time.advance(9 * SECOND + 750 * MS);
        fail(cb); // 10 s: bucket 9 of the creation's grid, so bucket 0 is still in the window
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldStillJudgeSlowCallsOnceTheWindowIsFullOfFastOnes() {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.builder(2, 1.0, 60 * SECOND, 1,
                ExceptionMatcher.all()).build().withTimeWindow(10 * SECOND, 10).withSlowCalls(50 * MS, 0.5), "s", time);
        for (int i = 0; i < 3; i++) {
            succeed(cb); // fast: the window is full and healthy, and a fast success keeps it so
        }
        assertEquals(CircuitState.CLOSED, cb.state());
        for (int i = 0; i < 3; i++) {
            Object permit = cb.tryAcquire();
            long started = cb.startTime();
            time.advance(60 * MS);
            cb.onSuccess(permit, started);
            assertEquals(i < 2 ? CircuitState.CLOSED : CircuitState.OPEN, cb.state(),
                    "slow call " + (i + 1) + " of " + (4 + i) + " calls");
        }
    }

    @Test
    void shouldJudgeAnOutcomeWithoutSlownessAsNotSlow() {
        CircuitBreakerSpec spec = CircuitBreakerSpec.builder(2, 0.5, SECOND, 1, ExceptionMatcher.all())
                .build().withTimeWindow(10 * SECOND, 10).withSlowCalls(50 * MS, 0.5);
        FailureWindow window = FailureWindow.of(spec, time);
        assertFalse(window.record(false));
        assertTrue(window.record(true), "2 calls, 1 failed: half");

        FailureWindow counted = FailureWindow.of(CircuitBreakerSpec.builder(2, 0.5, SECOND, 1, ExceptionMatcher.all())
                .build().withSlowCalls(50 * MS, 0.5), time);
        assertFalse(counted.record(false));
        assertTrue(counted.record(true));
    }

    @Test
    void shouldAcceptTheMostBucketsAllowed() {
        CircuitBreakerSpec spec = CircuitBreakerSpec.of(2, 0.5, SECOND, 1, ExceptionMatcher.all())
                .withTimeWindow(10 * SECOND, CircuitBreakerSpec.MAX_BUCKETS);
        assertEquals(1000, spec.buckets());
    }

    @Test
    void shouldAcceptATimeWindowOfOneBucket() {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.builder(2, 0.5, SECOND, 1, ExceptionMatcher.all())
                .build().withTimeWindow(10 * SECOND, 1), "one", time);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }
}

package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.time.ManualTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long DELAY = TimeUnit.SECONDS.toNanos(5);
    private final ManualTime time = new ManualTime();

    private CircuitBreaker breaker(int window, double ratio, int successThreshold) {
        return new CircuitBreaker(CircuitBreakerSpec.of(window, ratio, DELAY, successThreshold, ExceptionMatcher.all()),
                "test", time);
    }

    private static void fail(CircuitBreaker cb) {
        Object permit = cb.tryAcquire();
        assertNotNull(permit, "expected the call to be admitted");
        cb.onFailure(permit);
    }

    private static void succeed(CircuitBreaker cb) {
        Object permit = cb.tryAcquire();
        assertNotNull(permit, "expected the call to be admitted");
        cb.onSuccess(permit);
    }

    @Test
    void shouldOpenOnTheCallThatFillsTheWindowAtTheRatio() {
        CircuitBreaker cb = breaker(4, 0.75, 1);
        fail(cb);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state(), "window not full yet");
        succeed(cb);
        assertEquals(CircuitState.OPEN, cb.state(), "3 of 4 failed: 0.75 reached by a late success");
        assertNull(cb.tryAcquire());
        assertEquals(1, cb.rejectedCalls());
    }

    @Test
    void shouldStayClosedBelowTheRatio() {
        CircuitBreaker cb = breaker(4, 0.75, 1);
        fail(cb);
        fail(cb);
        succeed(cb);
        succeed(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // last four: F S S F -> 2 of 4
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // S S F F -> 2 of 4
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // S F F F -> 3 of 4
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldRollTheWindowEvictingTheOldestOutcome() {
        CircuitBreaker cb = breaker(3, 1.0, 1);
        fail(cb);
        succeed(cb);
        fail(cb);
        fail(cb); // evicts the first failure: S F F
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // F F F
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldGoHalfOpenAfterTheDelayAndAdmitOnlySuccessThresholdTrials() {
        CircuitBreaker cb = breaker(2, 1.0, 2);
        fail(cb);
        fail(cb);
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire(), "still open one nanosecond before the delay");
        time.advance(1);
        Object first = cb.tryAcquire();
        Object second = cb.tryAcquire();
        assertNotNull(first);
        assertNotNull(second);
        assertEquals(CircuitState.HALF_OPEN, cb.state());
        assertNull(cb.tryAcquire(), "a third trial call is rejected");
        cb.onSuccess(first);
        assertEquals(CircuitState.HALF_OPEN, cb.state());
        cb.onSuccess(second);
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldReopenOnAFailedTrialCall() {
        CircuitBreaker cb = breaker(2, 1.0, 3);
        fail(cb);
        fail(cb);
        time.advance(DELAY);
        succeed(cb);
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
        assertEquals(2, cb.timesOpened());
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire(), "the delay starts again from the reopening");
    }

    @Test
    void shouldStartWithAnEmptyWindowAfterClosing() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        fail(cb);
        fail(cb);
        time.advance(DELAY);
        succeed(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state(), "one failure in a fresh window of two");
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldCountSkipOnAsSuccessEvenWhenFailOnNamesASuperclass() {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.of(1, 1.0, DELAY, 1,
                ExceptionMatcher.of(List.of(RuntimeException.class), List.of(UncheckedIOException.class))), "t", time);
        Object permit = cb.tryAcquire();
        assertFalse(cb.onOutcome(permit, new UncheckedIOException(new IOException())));
        assertEquals(CircuitState.CLOSED, cb.state());
        permit = cb.tryAcquire();
        assertFalse(cb.onOutcome(permit, new Exception("not in failOn")));
        assertEquals(CircuitState.CLOSED, cb.state());
        permit = cb.tryAcquire();
        assertTrue(cb.onOutcome(permit, new IllegalStateException()));
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldOpenAfterConsecutiveFailuresOnlyInThatMode() {
        CircuitBreaker cb = new CircuitBreaker(new CircuitBreakerSpec("c", 100, 0.5, 3, DELAY, 1,
                ExceptionMatcher.all(), List.of()), "c", time);
        fail(cb);
        fail(cb);
        succeed(cb);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldObeyOperatorsAndTellListeners() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        List<String> changes = new ArrayList<>();
        cb.onStateChange((name, from, to) -> changes.add(from + "->" + to));
        cb.forceOpen();
        assertNull(cb.tryAcquire());
        time.advance(DELAY * 10);
        assertNull(cb.tryAcquire(), "forced open never half-opens");
        cb.forceClosed();
        for (int i = 0; i < 10; i++) {
            fail(cb);
        }
        assertEquals(CircuitState.FORCED_CLOSED, cb.state(), "forced closed records nothing");
        cb.reset();
        fail(cb);
        fail(cb);
        time.advance(DELAY);
        succeed(cb);
        assertEquals(List.of("CLOSED->FORCED_OPEN", "FORCED_OPEN->FORCED_CLOSED", "FORCED_CLOSED->CLOSED",
                "CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), changes);
    }

    @Test
    void shouldKeepWorkingWhenAListenerThrows() {
        CircuitBreaker cb = breaker(1, 1.0, 1);
        cb.onStateChange((name, from, to) -> {
            throw new IllegalStateException("listener bug");
        });
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldAccountTimeSpentInEachState() {
        CircuitBreaker cb = breaker(1, 1.0, 1);
        time.advance(100);
        fail(cb);
        time.advance(DELAY);
        succeed(cb);
        time.advance(7);
        assertEquals(107, cb.nanosIn(CircuitState.CLOSED));
        assertEquals(DELAY, cb.nanosIn(CircuitState.OPEN));
        assertEquals(0, cb.nanosIn(CircuitState.HALF_OPEN));
    }

    @Test
    void shouldTripOnAFullWindowWhenTheRatioIsZero() {
        CircuitBreaker cb = breaker(2, 0.0, 1);
        succeed(cb);
        succeed(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }
}

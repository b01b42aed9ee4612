package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The breaker's state machine driven by hand in virtual time: every boundary of the spec's rules. */
class CircuitBreakerTest {

    private static final long DELAY = TimeUnit.SECONDS.toNanos(5);
    private final VirtualTime time = new VirtualTime();
    private final List<String> transitions = new ArrayList<>();

    private CircuitBreaker breaker(int window, double ratio, int successThreshold) {
        return breaker(window, ratio, successThreshold, ExceptionMatcher.all());
    }

    private CircuitBreaker breaker(int window, double ratio, int successThreshold, ExceptionMatcher failOn) {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.of(window, ratio, DELAY, successThreshold, failOn),
                "test", time);
        cb.onStateChange((name, from, to) -> transitions.add(from + "->" + to));
        return cb;
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

    /** Opens {@code cb} with {@code window} failures. */
    private static void trip(CircuitBreaker cb, int window) {
        for (int i = 0; i < window; i++) {
            fail(cb);
        }
        assertEquals(CircuitState.OPEN, cb.state());
    }

    // --- CLOSED: the rolling window -------------------------------------------------------------------------

    @Test
    void shouldOpenWhenFailureRatioReached() {
        CircuitBreaker cb = breaker(4, 0.5, 1);
        succeed(cb);
        succeed(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // S S F F: 2 of 4 = 0.5
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldNotOpenBeforeTheWindowHoldsRequestVolumeThresholdOutcomes() {
        CircuitBreaker cb = breaker(4, 0.5, 1);
        fail(cb);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state(), "3 failures, but only 3 of 4 outcomes recorded");
    }

    @Test
    void shouldOpenOnTheSuccessThatFillsTheWindowWhenTheRatioIsAlreadyReached() {
        CircuitBreaker cb = breaker(4, 0.7, 1);
        fail(cb);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        succeed(cb); // 3 of 4 = 0.75 >= 0.7
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldStayClosedWhenTheRatioIsJustBelowTheThreshold() {
        CircuitBreaker cb = breaker(4, 0.7, 1);
        fail(cb);
        fail(cb);
        succeed(cb);
        succeed(cb); // 2 of 4 = 0.5 < 0.7
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldOpenAtAnExactRatioOfOne() {
        CircuitBreaker cb = breaker(3, 1.0, 1);
        fail(cb);
        fail(cb);
        succeed(cb);
        fail(cb); // F S F
        fail(cb); // S F F
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // F F F
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldRollTheWindowEvictingTheOldestOutcome() {
        CircuitBreaker cb = breaker(4, 0.75, 1);
        fail(cb);
        fail(cb);
        succeed(cb);
        succeed(cb); // F F S S
        fail(cb); // F S S F: the first failure left the window
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // S S F F
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb); // S F F F
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldTripOnAFullWindowWhenTheRatioIsZero() {
        CircuitBreaker cb = breaker(2, 0.0, 1);
        succeed(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        succeed(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldOpenOnTheFirstFailureWithAWindowOfOne() {
        CircuitBreaker cb = breaker(1, 1.0, 1);
        succeed(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    // --- OPEN -----------------------------------------------------------------------------------------------

    @Test
    void shouldRejectCallsWhileOpen() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        assertNull(cb.tryAcquire());
        assertNull(cb.tryAcquire());
        assertEquals(2, cb.rejectedCalls());
    }

    @Test
    void shouldStayOpenUntilTheDelayHasPassed() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire(), "still open one nanosecond before the delay");
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldGoHalfOpenOnTheFirstCallAfterTheDelay() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY);
        assertNotNull(cb.tryAcquire());
        assertEquals(CircuitState.HALF_OPEN, cb.state());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN"), transitions);
    }

    @Test
    void shouldReadHalfOpenOnceTheDelayHasPassedWithoutACall() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY - 1);
        assertEquals(CircuitState.OPEN, cb.state());
        time.advance(1);
        assertEquals(CircuitState.HALF_OPEN, cb.state(), "a read is true when it is made, not at the last call");
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN"), transitions, "listeners hear of it too");
        assertNotNull(cb.tryAcquire(), "the trial call the read made room for is admitted");
    }

    @Test
    void shouldGoHalfOpenAtOnceWithAZeroDelay() {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.of(1, 1.0, 0, 1, ExceptionMatcher.all()), "t", time);
        fail(cb);
        assertEquals(CircuitState.HALF_OPEN, cb.state(), "its delay has passed as soon as it opened");
        assertNotNull(cb.tryAcquire());
        assertEquals(CircuitState.HALF_OPEN, cb.state());
    }

    // --- HALF_OPEN ------------------------------------------------------------------------------------------

    @Test
    void shouldAdmitExactlySuccessThresholdTrialCalls() {
        CircuitBreaker cb = breaker(2, 1.0, 3);
        trip(cb, 2);
        time.advance(DELAY);
        assertNotNull(cb.tryAcquire());
        assertNotNull(cb.tryAcquire());
        assertNotNull(cb.tryAcquire());
        assertNull(cb.tryAcquire(), "a fourth concurrent trial call is rejected");
        assertNull(cb.tryAcquire());
        assertEquals(CircuitState.HALF_OPEN, cb.state());
    }

    @Test
    void shouldCloseAfterSuccessThresholdSuccessfulTrials() {
        CircuitBreaker cb = breaker(2, 1.0, 2);
        trip(cb, 2);
        time.advance(DELAY);
        Object first = cb.tryAcquire();
        Object second = cb.tryAcquire();
        cb.onSuccess(first);
        assertEquals(CircuitState.HALF_OPEN, cb.state(), "one success of two");
        cb.onSuccess(second);
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldReopenOnAFailedTrialCall() {
        CircuitBreaker cb = breaker(2, 1.0, 3);
        trip(cb, 2);
        time.advance(DELAY);
        succeed(cb);
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
        assertEquals(2, cb.timesOpened());
    }

    @Test
    void shouldRestartTheDelayWhenReopened() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY);
        fail(cb);
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire(), "the delay runs from the reopening");
        time.advance(1);
        assertNotNull(cb.tryAcquire());
    }

    @Test
    void shouldIgnoreATrialOutcomeThatArrivesAfterTheBreakerReopened() {
        CircuitBreaker cb = breaker(2, 1.0, 2);
        trip(cb, 2);
        time.advance(DELAY);
        Object first = cb.tryAcquire();
        Object second = cb.tryAcquire();
        cb.onFailure(first);
        cb.onSuccess(second);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldStartWithAnEmptyWindowAfterClosing() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY);
        succeed(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state(), "one failure in a fresh window of two");
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldGiveBackATrialSlotOnRelease() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY);
        Object trial = cb.tryAcquire();
        assertNull(cb.tryAcquire());
        cb.release(trial);
        assertNotNull(cb.tryAcquire(), "the released slot admits another trial");
    }

    // --- failOn / skipOn ------------------------------------------------------------------------------------

    @Test
    void shouldCountAnExceptionNamedByFailOnAsFailure() {
        CircuitBreaker cb = breaker(1, 1.0, 1, ExceptionMatcher.of(List.of(IOException.class), List.of()));
        assertTrue(cb.onOutcome(cb.tryAcquire(), new FileNotFoundException()), "a subclass of failOn");
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldCountAnExceptionOutsideFailOnAsSuccess() {
        CircuitBreaker cb = breaker(1, 1.0, 1, ExceptionMatcher.of(List.of(IOException.class), List.of()));
        assertFalse(cb.onOutcome(cb.tryAcquire(), new IllegalStateException()));
        assertEquals(CircuitState.CLOSED, cb.state());
        assertEquals(1, cb.successfulCalls());
    }

    @Test
    void shouldLetSkipOnWinOverFailOnForASubclass() {
        CircuitBreaker cb = breaker(1, 1.0, 1,
                ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class)));
        assertFalse(cb.onOutcome(cb.tryAcquire(), new FileNotFoundException()));
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldCountASkippedExceptionAsASuccessfulTrial() {
        CircuitBreaker cb = breaker(1, 1.0, 1,
                ExceptionMatcher.of(List.of(Exception.class), List.of(IllegalArgumentException.class)));
        trip(cb, 1);
        time.advance(DELAY);
        cb.onOutcome(cb.tryAcquire(), new IllegalArgumentException());
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    // --- consecutive-failures mode --------------------------------------------------------------------------

    private CircuitBreaker consecutive(int failures) {
        return new CircuitBreaker(CircuitBreakerSpec.builder(100, 0.5, DELAY, 1, ExceptionMatcher.all()).name("c")
                .consecutiveFailures(failures).build(), "c", time);
    }

    @Test
    void shouldOpenAfterConsecutiveFailuresWithoutWaitingForAFullWindow() {
        CircuitBreaker cb = consecutive(3);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state());
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldRestartTheConsecutiveCountAfterASuccess() {
        CircuitBreaker cb = consecutive(3);
        fail(cb);
        fail(cb);
        succeed(cb);
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state(), "two in a row since the success");
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    // --- operators ------------------------------------------------------------------------------------------

    @Test
    void shouldRejectEveryCallWhenForcedOpen() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.forceOpen();
        assertEquals(CircuitState.FORCED_OPEN, cb.state());
        assertNull(cb.tryAcquire());
        assertEquals(1, cb.rejectedCalls());
    }

    @Test
    void shouldNeverHalfOpenWhenForcedOpen() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.forceOpen();
        time.advance(DELAY * 10);
        assertNull(cb.tryAcquire());
        assertEquals(CircuitState.FORCED_OPEN, cb.state());
    }

    @Test
    void shouldAdmitEveryCallAndRecordNothingWhenForcedClosed() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.forceClosed();
        for (int i = 0; i < 10; i++) {
            fail(cb);
        }
        assertEquals(CircuitState.FORCED_CLOSED, cb.state());
        assertEquals(0, cb.failedCalls());
    }

    @Test
    void shouldForceClosedAnOpenBreaker() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        cb.forceClosed();
        assertNotNull(cb.tryAcquire());
    }

    @Test
    void shouldResetToClosedWithAnEmptyWindow() {
        CircuitBreaker cb = breaker(3, 1.0, 1);
        fail(cb);
        fail(cb);
        cb.reset();
        fail(cb);
        assertEquals(CircuitState.CLOSED, cb.state(), "the two failures before the reset are forgotten");
        fail(cb);
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldResetAForcedOpenBreakerToClosed() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.forceOpen();
        cb.reset();
        assertEquals(CircuitState.CLOSED, cb.state());
        assertNotNull(cb.tryAcquire());
    }

    // --- listeners and counters -----------------------------------------------------------------------------

    @Test
    void shouldTellListenersOfEveryTransitionInOrder() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        trip(cb, 2);
        time.advance(DELAY);
        fail(cb);
        time.advance(DELAY);
        succeed(cb);
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN",
                "HALF_OPEN->CLOSED"), transitions);
    }

    @Test
    void shouldTellListenersOfForcedTransitions() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.forceOpen();
        cb.forceClosed();
        cb.reset();
        assertEquals(List.of("CLOSED->FORCED_OPEN", "FORCED_OPEN->FORCED_CLOSED", "FORCED_CLOSED->CLOSED"),
                transitions);
    }

    @Test
    void shouldNotTellListenersOfAnOperatorActionThatKeepsTheState() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.reset();
        cb.forceOpen();
        cb.forceOpen();
        assertEquals(List.of("CLOSED->FORCED_OPEN"), transitions);
    }

    @Test
    void shouldTellTheBreakersNameToListeners() {
        List<String> names = new ArrayList<>();
        CircuitBreaker cb = breaker(1, 1.0, 1);
        cb.onStateChange((name, from, to) -> names.add(name));
        fail(cb);
        assertEquals(List.of("test"), names);
    }

    @Test
    void shouldKeepWorkingWhenAListenerThrows() {
        CircuitBreaker cb = breaker(1, 1.0, 1);
        cb.onStateChange((name, from, to) -> {
            throw new IllegalStateException("listener bug (expected in this test's log)");
        });
        List<String> later = new ArrayList<>();
        cb.onStateChange((name, from, to) -> later.add(from + "->" + to));
        fail(cb);
        assertEquals(CircuitState.OPEN, cb.state());
        assertEquals(List.of("CLOSED->OPEN"), later, "listeners after the failing one are still told");
    }

    @Test
    void shouldCountSuccessesFailuresRejectionsAndOpenings() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        succeed(cb);
        fail(cb);
        fail(cb);
        assertNull(cb.tryAcquire());
        assertEquals(1, cb.successfulCalls());
        assertEquals(2, cb.failedCalls());
        assertEquals(1, cb.rejectedCalls());
        assertEquals(1, cb.timesOpened());
    }

    @Test
    void shouldNotCountAForcedOpeningAsAnOpening() {
        CircuitBreaker cb = breaker(2, 1.0, 1);
        cb.forceOpen();
        assertEquals(0, cb.timesOpened());
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

    // --- settings -------------------------------------------------------------------------------------------

    @Test
    void shouldRejectAFailureRatioAboveOneNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerSpec.of(4, 1.5, DELAY, 1, ExceptionMatcher.all()));
        assertEquals("failureRatio must be between 0 and 1, was 1.5", e.getMessage());
    }

    @Test
    void shouldRejectAZeroRequestVolumeThresholdNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerSpec.of(0, 0.5, DELAY, 1, ExceptionMatcher.all()));
        assertEquals("requestVolumeThreshold must be >= 1, was 0", e.getMessage());
    }

    @Test
    void shouldRejectAZeroSuccessThresholdNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerSpec.of(4, 0.5, DELAY, 0, ExceptionMatcher.all()));
        assertEquals("successThreshold must be >= 1, was 0", e.getMessage());
    }
}

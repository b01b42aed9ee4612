package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.LoggedRecords;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * What operators and metrics read from a breaker: its counts in every state, the slow-call and rate-limit answers
 * the gate turns into {@code ft.circuitbreaker.calls.total}, the trial slot of an attempt that never started, and the
 * warning for a listener that throws.
 */
class BreakerCountsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DELAY = TimeUnit.SECONDS.toNanos(5);
    private final VirtualTime time = new VirtualTime();

    private CircuitBreaker breaker(int successThreshold, ExceptionMatcher failOn) {
        return new CircuitBreaker(CircuitBreakerSpec.of(2, 1.0, DELAY, successThreshold, failOn), "counted", time);
    }

    private CircuitBreaker halfOpen(int successThreshold) {
        CircuitBreaker cb = breaker(successThreshold, ExceptionMatcher.all());
        cb.onFailure(cb.tryAcquire());
        cb.onFailure(cb.tryAcquire());
        time.advance(DELAY);
        assertEquals(CircuitState.HALF_OPEN, cb.state());
        return cb;
    }

    private CircuitBreaker slowAfter(long thresholdNanos) {
        return new CircuitBreaker(CircuitBreakerSpec.builder(2, 1.0, DELAY, 1, ExceptionMatcher.all())
                .slowCalls(thresholdNanos, 1.0).build(), "slow", time);
    }

    @Test
    void shouldCountTrialOutcomesAndRejectionsWhileHalfOpen() {
        CircuitBreaker cb = halfOpen(1);
        Object trial = cb.tryAcquire();
        assertNull(cb.tryAcquire(), "one trial slot");
        assertEquals(1, cb.rejectedCalls(), "the call refused while the trial runs is counted");
        cb.onFailure(trial);
        assertEquals(3, cb.failedCalls(), "two that opened it and the failed trial");

        time.advance(DELAY);
        cb.onSuccess(cb.tryAcquire());
        assertEquals(1, cb.successfulCalls(), "the successful trial");
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldAnswerWhetherACallWasSlow() {
        CircuitBreaker cb = slowAfter(100 * MS);
        Object fast = cb.tryAcquire();
        long started = cb.startTime();
        time.advance(100 * MS);
        assertFalse(cb.onSuccess(fast, started), "exactly the threshold is not slow");
        Object slow = cb.tryAcquire();
        started = cb.startTime();
        time.advance(101 * MS);
        assertTrue(cb.onSuccess(slow, started));
    }

    @Test
    void shouldCloseOnATrialThatTookExactlyTheThresholdLongAfterTheStart() {
        time.advance(TimeUnit.HOURS.toNanos(1)); // a clock far from zero: slowness is a difference of readings
        CircuitBreaker cb = slowAfter(50 * MS);
        cb.onFailure(cb.tryAcquire());
        cb.onFailure(cb.tryAcquire());
        time.advance(DELAY);
        Object trial = cb.tryAcquire();
        long started = cb.startTime();
        time.advance(50 * MS);
        cb.onSuccess(trial, started);
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldReportNoSlowCallThroughAForcedClosedBreaker() {
        CircuitBreaker cb = slowAfter(50 * MS);
        cb.forceClosed();
        Object permit = cb.tryAcquire();
        long started = cb.startTime();
        time.advance(60 * MS);
        assertFalse(cb.onSuccess(permit, started), "a forced-closed breaker records nothing, slow calls neither");
    }

    @Test
    void shouldNotReadTheClockForSlownessWhenTheBreakerDoesNotJudgeIt() {
        CircuitBreaker cb = breaker(1, ExceptionMatcher.all());
        assertEquals(CircuitBreaker.NO_START, cb.startTime());
        assertFalse(cb.onSuccess(cb.tryAcquire(), CircuitBreaker.NO_START));
    }

    @Test
    void shouldCountARateLimitRefusalAsAFailureOnlyWhenFailOnNamesIt() {
        RateLimitException refusal = new RateLimitException("limited", Duration.ofSeconds(1));
        CircuitBreaker counts = breaker(1, ExceptionMatcher.of(List.of(RateLimitException.class), List.of()));
        assertTrue(counts.onRateLimited(counts.tryAcquire(), refusal));
        assertEquals(1, counts.failedCalls());

        CircuitBreaker ignores = breaker(1, ExceptionMatcher.all());
        assertFalse(ignores.onRateLimited(ignores.tryAcquire(), refusal), "failOn = Throwable does not count it");
        assertEquals(0, ignores.failedCalls());
    }

    @Test
    void shouldGiveTheTrialSlotBackWhenTheAttemptNeverStarted() {
        CircuitBreaker cb = halfOpen(1);
        BreakerGate gate = new BreakerGate(cb, MetricsRecorder.NOOP, "counted");
        Object permit = gate.enter();
        gate.exit(permit, gate.mark(), null, Passage.NOT_STARTED);
        assertNotNull(cb.tryAcquire(), "the slot the cancelled attempt held is free again");
    }

    @Test
    void shouldReportARateLimitRefusalToTheMetricsOnlyWhenCounted() {
        // The circuitBreakerResult of each ft.circuitbreaker.calls.total count.
        List<String> results = new ArrayList<>();
        MetricsRecorder metrics = new MetricsRecorder() {
            @Override
            public Runnable counter(String name, String... tags) {
                return name.equals("ft.circuitbreaker.calls.total") ? () -> results.add(tags[1]) : NOTHING;
            }
        };
        RateLimitException refusal = new RateLimitException("limited", Duration.ofSeconds(1));
        CircuitBreaker counts = breaker(1, ExceptionMatcher.of(List.of(RateLimitException.class), List.of()));
        BreakerGate counting = new BreakerGate(counts, metrics, "counts");
        counting.exit(counting.enter(), CircuitBreaker.NO_START, refusal, Passage.REFUSED);
        assertEquals(List.of("failure"), results);

        BreakerGate ignoring = new BreakerGate(breaker(1, ExceptionMatcher.all()), metrics, "ignores");
        ignoring.exit(ignoring.enter(), CircuitBreaker.NO_START, refusal, Passage.REFUSED);
        assertEquals(List.of("failure"), results, "not a call the breaker judged");
    }

    @Test
    void shouldNameItselfAndItsStateInItsDescription() {
        CircuitBreaker cb = halfOpen(1);
        assertEquals("CircuitBreaker[counted, HALF_OPEN]", cb.toString());
        assertTrue(cb.spec().toString().startsWith("CircuitBreakerSpec[name=null, requestVolumeThreshold=2,"),
                cb.spec().toString());
    }

    @Test
    void shouldLogAWarningNamingTheBreakerWhenAListenerThrows() {
        try (LoggedRecords capture = LoggedRecords.of(CircuitBreaker.class)) {
            CircuitBreaker cb = breaker(1, ExceptionMatcher.all());
            cb.onStateChange((name, from, to) -> {
                throw new IllegalStateException("listener bug");
            });
            cb.forceOpen();
            List<LogRecord> records = capture.records();
            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("Circuit breaker listener failed for counted", records.get(0).getMessage());
            assertEquals("listener bug", records.get(0).getThrown().getMessage());
        }
    }
}

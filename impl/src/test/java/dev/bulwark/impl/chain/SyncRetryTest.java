package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.ResultRejectedException;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.Backoffs;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncRetryTest {

    private static final long MS = 1_000_000;
    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().build();
    private final AtomicInteger calls = new AtomicInteger();

    private Operation retrying(RetrySpec retry) {
        return engine.operation(OperationSpec.builder("op").retry(retry).build());
    }

    private Callable<Object> failing(Exception e) {
        return () -> {
            calls.incrementAndGet();
            throw e;
        };
    }

    @Test
    void shouldRetryMaxRetriesTimesThenThrowTheLastFailure() {
        Operation op = retrying(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()));
        IllegalStateException failure = new IllegalStateException();
        assertSame(failure, assertThrows(IllegalStateException.class, () -> op.call(failing(failure), null)));
        assertEquals(4, calls.get());
    }

    @Test
    void shouldStopAndKeepTheInterruptWhenTheMethodIsInterrupted() {
        Operation op = retrying(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()));
        try {
            assertThrows(InterruptedException.class, () -> op.call(failing(new InterruptedException("shutdown")),
                    null));
            assertEquals(1, calls.get(), "an interrupted caller is not retried");
            assertTrue(Thread.currentThread().isInterrupted(), "and its interrupt is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldNotRetryWithZeroMaxRetries() {
        Operation op = retrying(RetrySpec.of(0, 0, 0, 0, ExceptionMatcher.allExceptions()));
        assertThrows(IllegalStateException.class, () -> op.call(failing(new IllegalStateException()), null));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldRetryWithoutLimitUntilSuccessWhenMaxRetriesIsMinusOne() throws Exception {
        Operation op = retrying(RetrySpec.of(-1, 0, 0, 0, ExceptionMatcher.allExceptions()));
        Object result = op.call(() -> {
            if (calls.incrementAndGet() < 500) {
                throw new IllegalStateException();
            }
            return "done";
        }, null);
        assertEquals("done", result);
        assertEquals(500, calls.get());
    }

    @Test
    void shouldWaitTheDelayBetweenAttempts() {
        Operation op = retrying(RetrySpec.of(2, 100 * MS, 0, 0, ExceptionMatcher.allExceptions()));
        List<Long> attemptTimes = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            attemptTimes.add(time.nanoTime());
            throw new IllegalStateException();
        }, null));
        assertEquals(List.of(0L, 100 * MS, 200 * MS), attemptTimes);
    }

    @Test
    void shouldStopRetryingOnceMaxDurationHasPassed() {
        Operation op = retrying(RetrySpec.of(100, 100 * MS, 1000 * MS, 0, ExceptionMatcher.allExceptions()));
        assertThrows(IllegalStateException.class, () -> op.call(failing(new IllegalStateException()), null));
        // attempts at 0, 100, ..., 900 ms; the wait to 1000 ms uses up maxDuration, so no attempt starts there
        assertEquals(10, calls.get());
    }

    @Test
    void shouldAbortOnASubclassOfRetryOnWhenAbortOnNamesIt() {
        Operation op = retrying(RetrySpec.of(5, 0, 0, 0,
                ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class))));
        assertThrows(FileNotFoundException.class, () -> op.call(failing(new FileNotFoundException()), null));
        assertEquals(1, calls.get());
        calls.set(0);
        assertThrows(IOException.class, () -> op.call(failing(new IOException()), null));
        assertEquals(6, calls.get());
    }

    @Test
    void shouldNotRetryAnExceptionOutsideRetryOn() {
        Operation op = retrying(RetrySpec.of(5, 0, 0, 0, ExceptionMatcher.of(List.of(IOException.class), List.of())));
        assertThrows(IllegalStateException.class, () -> op.call(failing(new IllegalStateException()), null));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldNotRetryAnErrorByDefault() {
        Operation op = retrying(RetrySpec.of(5, 0, 0, 0, ExceptionMatcher.allExceptions()));
        assertThrows(AssertionError.class, () -> op.call(() -> {
            calls.incrementAndGet();
            throw new AssertionError();
        }, null));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldTellTheBeforeRetryListenerEachRetryAndItsCause() {
        List<String> seen = new ArrayList<>();
        Operation op = retrying(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                .beforeRetryListener((retry, cause) -> seen.add(retry + ":" + cause.getMessage())).build());
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalStateException("attempt " + calls.incrementAndGet());
        }, null));
        assertEquals(List.of("1:attempt 1", "2:attempt 2"), seen);
    }

    @Test
    void shouldStopAndKeepTheInterruptWhenInterruptedWhileWaiting() {
        Engine interrupting = time.engine().sleeper(nanos -> {
            throw new InterruptedException();
        }).build();
        Operation op = interrupting.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(5, 60_000 * MS, 0, 0, ExceptionMatcher.allExceptions())).build());
        IllegalStateException failure = new IllegalStateException();
        assertSame(failure, assertThrows(IllegalStateException.class, () -> op.call(failing(failure), null)));
        assertEquals(1, calls.get());
        assertTrue(Thread.interrupted(), "the interrupt stays visible to the caller");
    }

    @Test
    void shouldNotRetryASuccess() throws Exception {
        Operation op = retrying(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()));
        assertEquals("ok", op.call(() -> {
            calls.incrementAndGet();
            return "ok";
        }, null));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldReturnTheFirstSuccessAfterFailures() throws Exception {
        Operation op = retrying(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()));
        assertEquals("second", op.call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException();
            }
            return "second";
        }, null));
        assertEquals(2, calls.get());
    }

    @Test
    void shouldRetryARejectedResultAndReturnTheLastOneWhenRetriesRunOut() throws Exception {
        Operation op = retrying(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                .retryOnResult(result -> (Integer) result < 0).build());
        assertEquals(-3, op.call(() -> -calls.incrementAndGet(), null));
        assertEquals(3, calls.get());
    }

    @Test
    void shouldFailWithTheLastRejectedResultWhenRetriesRunOutIfAskedTo() {
        Operation op = retrying(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                .withRejectedResults(result -> (Integer) result < 0));
        ResultRejectedException e = assertThrows(ResultRejectedException.class,
                () -> op.call(() -> -calls.incrementAndGet(), null));
        assertEquals(-3, e.result());
        assertEquals(3, calls.get());
    }

    @Test
    void shouldTellTheObserverTheCallsContextAndTheBackoffTheCause() {
        List<String> seen = new ArrayList<>();
        IOException cause = new IOException("down");
        Operation op = retrying(RetrySpec.of(2, 10 * MS, 0, 0, ExceptionMatcher.allExceptions())
                .withBeforeRetry((context, retry, failure) -> seen.add(context + "/" + retry + "/" + failure.getMessage()))
                .withBackoff(new dev.bulwark.api.Backoff() {
                    @Override
                    public long nextDelayNanos(int retry, long base, long previous) {
                        throw new AssertionError("the engine asks with the cause");
                    }

                    @Override
                    public long nextDelayNanos(int retry, long base, long previous, Throwable failure) {
                        seen.add("delay " + retry + " after " + failure.getMessage());
                        return base * retry;
                    }
                }, false));
        assertThrows(IOException.class, () -> op.call(failing(cause), "ctx"));
        assertEquals(List.of("delay 1 after down", "ctx/1/down", "delay 2 after down", "ctx/2/down"), seen);
        assertEquals(30 * MS, time.nanoTime(), "10 ms, then 20 ms");
    }

    @Test
    void shouldReturnTheFirstAcceptedResult() throws Exception {
        Operation op = retrying(RetrySpec.builder(5, 0, 0, 0, ExceptionMatcher.allExceptions())
                .retryOnResult(result -> result == null).build());
        assertEquals("value", op.call(() -> calls.incrementAndGet() < 3 ? null : "value", null));
        assertEquals(3, calls.get());
    }

    @Test
    void shouldWaitTheBackoffsGrowingDelaysBetweenAttempts() {
        Operation op = retrying(RetrySpec.builder(4, 100 * MS, 0, 0, ExceptionMatcher.allExceptions())
                .backoff(Backoffs.exponential(2, 300 * MS), true).build());
        List<Long> attemptTimes = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            attemptTimes.add(time.nanoTime() / MS);
            throw new IllegalStateException();
        }, null));
        assertEquals(List.of(0L, 100L, 300L, 600L, 900L), attemptTimes, "delays 100, 200, 300 (capped), 300");
    }

    @Test
    void shouldWaitJitteredDelaysWithinTheirBounds() {
        Operation op = retrying(RetrySpec.of(50, 100 * MS, 0, 20 * MS, ExceptionMatcher.allExceptions()));
        List<Long> attemptTimes = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            attemptTimes.add(time.nanoTime());
            throw new IllegalStateException();
        }, null));
        assertEquals(51, attemptTimes.size());
        for (int i = 1; i < attemptTimes.size(); i++) {
            long waited = attemptTimes.get(i) - attemptTimes.get(i - 1);
            assertTrue(waited >= 80 * MS && waited <= 120 * MS, "waited " + waited);
        }
    }

    @Test
    void shouldStopOnMaxDurationEvenWithUnlimitedRetries() {
        Operation op = retrying(RetrySpec.of(-1, 100 * MS, 450 * MS, 0, ExceptionMatcher.allExceptions()));
        assertThrows(IllegalStateException.class, () -> op.call(failing(new IllegalStateException()), null));
        assertEquals(5, calls.get(), "attempts at 0, 100, 200, 300 and 400 ms");
    }

    @Test
    void shouldCountTheAttemptsOwnDurationTowardsMaxDuration() {
        Operation op = retrying(RetrySpec.of(-1, 0, 1_000 * MS, 0, ExceptionMatcher.allExceptions()));
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            calls.incrementAndGet();
            time.advance(300 * MS); // each attempt takes 300 ms
            throw new IllegalStateException();
        }, null));
        assertEquals(4, calls.get(), "attempts start at 0, 300, 600 and 900 ms; at 1200 ms time is up");
    }

    @Test
    void shouldThrowTheFailureOfTheLastAttempt() {
        Operation op = retrying(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions()));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalStateException("attempt " + calls.incrementAndGet());
        }, null));
        assertEquals("attempt 3", thrown.getMessage());
    }

    @Test
    void shouldKeepRetryingWhenTheBeforeRetryListenerThrows() throws Exception {
        Operation op = retrying(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                .beforeRetryListener((retry, cause) -> {
                    throw new IllegalArgumentException("listener bug (expected in this test's log)");
                }).build());
        assertEquals("second", op.call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException();
            }
            return "second";
        }, null));
    }
}

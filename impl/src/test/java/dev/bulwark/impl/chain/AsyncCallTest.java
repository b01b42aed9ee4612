package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.retry.Backoffs;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** The asynchronous driver on a direct executor and virtual time: every step runs on the test thread. */
class AsyncCallTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().executor(Runnable::run).build();
    private final AtomicInteger calls = new AtomicInteger();

    private static Throwable failureOf(CompletableFuture<?> f) {
        return failureOf(f, 0);
    }

    private static Throwable failureOf(CompletableFuture<?> f, int waitSeconds) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(waitSeconds, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void shouldScheduleRetriesInsteadOfSleeping() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(2, SECOND, 0, 0, ExceptionMatcher.allExceptions())).build());
        List<Long> attempts = new ArrayList<>();
        CompletableFuture<Object> result = op.callAsync(() -> {
            attempts.add(time.nanoTime());
            return calls.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new IllegalStateException())
                    : CompletableFuture.completedFuture("third time");
        }, null);

        assertFalse(result.isDone());
        assertEquals(List.of(SECOND), time.pendingDelays(), "the retry waits on the scheduler, not on a thread");
        time.advance(SECOND);
        time.advance(SECOND);
        assertEquals("third time", result.join());
        assertEquals(List.of(0L, SECOND, 2 * SECOND), attempts);
    }

    private static CompletableFuture<Object> failed(String message) {
        return CompletableFuture.failedFuture(new IllegalStateException(message));
    }

    @Test
    void shouldRetryAFailedStage() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(() -> calls.incrementAndGet() < 3 ? failed("down")
                : CompletableFuture.completedFuture("ok"), null);
        assertEquals("ok", result.join());
        assertEquals(3, calls.get());
    }

    @Test
    void shouldFailWithTheLastRejectedResultWhenRetriesRunOutIfAskedTo() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                        .withRejectedResults(value -> value == null)
                        .withBeforeRetry((context, retry, cause) -> assertEquals("ctx", context)))
                .build());
        CompletableFuture<Object> result = op.callAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, "ctx");
        Throwable failure = failureOf(result);
        assertTrue(failure instanceof dev.bulwark.api.ResultRejectedException, failure.toString());
        assertEquals(3, calls.get());
    }

    @Test
    void shouldRetryAnExceptionThrownBeforeAStageIsReturned() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("thrown");
        }, null);
        assertEquals("thrown", failureOf(result).getMessage());
        assertEquals(3, calls.get());
    }

    @Test
    void shouldNotRetryAnAbortedFailedStage() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(5, 0, 0, 0,
                        ExceptionMatcher.of(List.of(Exception.class), List.of(IllegalStateException.class))))
                .build());
        CompletableFuture<Object> result = op.callAsync(() -> {
            calls.incrementAndGet();
            return failed("aborted");
        }, null);
        assertInstanceOf(IllegalStateException.class, failureOf(result));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldStopAsyncRetriesOnMaxDuration() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(-1, SECOND, 3 * SECOND + 1, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(() -> {
            calls.incrementAndGet();
            return failed("down");
        }, null);
        time.advance(10 * SECOND);
        assertInstanceOf(IllegalStateException.class, failureOf(result));
        assertEquals(4, calls.get(), "attempts at 0, 1, 2 and 3 s");
        assertEquals(0, time.pendingTasks());
    }

    @Test
    void shouldCountAFailedStageAsABreakerFailure() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .circuitBreaker(CircuitBreakerSpec.of(2, 1.0, SECOND, 1, ExceptionMatcher.all())).build());
        op.callAsync(() -> failed("down"), null);
        op.callAsync(() -> failed("down"), null);
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
        assertEquals(2, op.circuitBreaker().failedCalls());
    }

    @Test
    void shouldCountACompletedStageAsABreakerSuccess() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .circuitBreaker(CircuitBreakerSpec.of(2, 1.0, SECOND, 1, ExceptionMatcher.all())).build());
        CompletableFuture<Object> pending = new CompletableFuture<>();
        op.callAsync(() -> pending, null);
        assertEquals(0, op.circuitBreaker().successfulCalls(), "nothing recorded before the stage completes");
        pending.complete("done");
        assertEquals(1, op.circuitBreaker().successfulCalls());
    }

    @Test
    void shouldRejectWithCircuitBreakerOpenExceptionWithoutCallingTheAction() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, SECOND, 1, ExceptionMatcher.all())).build());
        op.callAsync(() -> failed("down"), null);
        CompletableFuture<Object> rejected = op.callAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("ran");
        }, null);
        assertInstanceOf(CircuitBreakerOpenException.class, failureOf(rejected));
        assertEquals(0, calls.get());
    }

    @Test
    void shouldFallBackOnAFailedStageFlatteningTheFallbacksStage() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .fallback(new FallbackSpec((ctx, failure) -> CompletableFuture.completedFuture("fb " + failure.getMessage()),
                        ExceptionMatcher.all()))
                .build());
        assertEquals("fb down", op.callAsync(() -> failed("down"), null).join());
    }

    @Test
    void shouldFallBackOnlyAfterAsyncRetriesAreExhausted() {
        List<String> fallbackSaw = new ArrayList<>();
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(2, SECOND, 0, 0, ExceptionMatcher.allExceptions()))
                .fallback(new FallbackSpec((ctx, failure) -> {
                    fallbackSaw.add(failure.getMessage());
                    return "fallback";
                }, ExceptionMatcher.all()))
                .build());
        CompletableFuture<Object> result = op.callAsync(() -> failed("attempt " + calls.incrementAndGet()), null);
        time.advance(SECOND);
        assertEquals(List.of(), fallbackSaw, "one retry left");
        time.advance(SECOND);
        assertEquals("fallback", result.join());
        assertEquals(List.of("attempt 3"), fallbackSaw);
    }

    @Test
    void shouldNotApplyTheFallbackOutsideApplyOn() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .fallback(new FallbackSpec((ctx, failure) -> "fallback",
                        ExceptionMatcher.of(List.of(RuntimeException.class), List.of(IllegalStateException.class))))
                .build());
        assertInstanceOf(IllegalStateException.class, failureOf(op.callAsync(() -> failed("skipped"), null)));
    }

    @Test
    void shouldThrowTheActionsOwnExceptionUnwrapped() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true).build());
        IllegalStateException failure = new IllegalStateException();
        assertEquals(failure, failureOf(op.callAsync(() -> {
            throw failure;
        }, null)));
    }

    @Test
    void shouldCompleteExceptionallyWhenTheTimeoutFires() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND)).build());
        CompletableFuture<Object> never = new CompletableFuture<>();
        CompletableFuture<Object> result = op.callAsync(() -> never, null);
        time.advance(SECOND - 1);
        assertFalse(result.isDone());
        time.advance(1);
        assertInstanceOf(TimeoutException.class, failureOf(result));
    }

    @Test
    void shouldGiveTheBulkheadPlaceOfAHungStageBackWhenItTimesOut() {
        // One hung connection per place used to be a permanent outage: the stage never completed, so its place
        // was never released, and every later call waited in the queue until its own timeout.
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND)).bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> hung = new CompletableFuture<>();
        CompletableFuture<Object> r1 = op.callAsync(() -> hung, null);
        CompletableFuture<Object> r2 = op.callAsync(() -> CompletableFuture.completedFuture("second ran"), null);
        assertEquals(1, op.queueingBulkhead().waiting());
        time.advance(SECOND);
        assertInstanceOf(TimeoutException.class, failureOf(r1));
        assertTrue(hung.isCancelled(), "the stage the method returned is cancelled");
        assertEquals("second ran", r2.join(), "and its place went to the waiting call");
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldGiveTheHalfOpenTrialOfAHungStageBackWhenItTimesOut() {
        // A hung trial call must not hold the breaker's only trial slot for ever: its timeout is its failure.
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true).timeout(new TimeoutSpec(SECOND))
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, SECOND, 1, ExceptionMatcher.all())).build());
        op.callAsync(() -> failed("down"), null);
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
        time.advance(SECOND);
        CompletableFuture<Object> hung = new CompletableFuture<>();
        CompletableFuture<Object> trial = op.callAsync(() -> hung, null);
        assertEquals(CircuitState.HALF_OPEN, op.circuitBreaker().state());
        assertInstanceOf(CircuitBreakerOpenException.class, failureOf(op.callAsync(
                () -> CompletableFuture.completedFuture("second trial"), null)), "one trial at a time");
        time.advance(SECOND);
        assertInstanceOf(TimeoutException.class, failureOf(trial));
        assertTrue(hung.isCancelled(), "the hung trial's stage is cancelled");
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state(), "the timed-out trial reopened the breaker");
        time.advance(SECOND);
        assertEquals("healthy", op.callAsync(() -> CompletableFuture.completedFuture("healthy"), null).join(),
                "after the delay a new trial is admitted");
        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state());
    }

    @Test
    void shouldKeepThePlaceOfAStageThatCannotBeCancelledUntilItCompletes() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND)).bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> underlying = new CompletableFuture<>();
        java.util.concurrent.CompletionStage<Object> uncancellable = underlying.minimalCompletionStage();
        CompletableFuture<Object> r1 = op.callAsync(() -> uncancellable, null);
        time.advance(SECOND);
        assertInstanceOf(TimeoutException.class, failureOf(r1));
        assertEquals(1, op.queueingBulkhead().running(), "the bulkhead does its job: the call still runs");
        underlying.complete("late");
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldCancelTheReturnedStageWhenTheCallerCancels() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> hung = new CompletableFuture<>();
        CompletableFuture<Object> r1 = op.callAsync(() -> hung, null);
        r1.cancel(true);
        assertTrue(hung.isCancelled());
        assertEquals(0, op.queueingBulkhead().running(), "the place is free again");
    }

    @Test
    void shouldHoldTheBulkheadPlaceUntilTheStageCompletes() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> first = new CompletableFuture<>();
        CompletableFuture<Object> second = new CompletableFuture<>();
        CompletableFuture<Object> r1 = op.callAsync(() -> first, null);
        CompletableFuture<Object> r2 = op.callAsync(() -> second, null);
        assertEquals(1, op.queueingBulkhead().running());
        assertEquals(1, op.queueingBulkhead().waiting());
        assertInstanceOf(BulkheadException.class, failureOf(op.callAsync(() -> new CompletableFuture<>(), null)));

        first.complete("one");
        assertEquals("one", r1.join());
        assertEquals(1, op.queueingBulkhead().running(), "the waiter took the freed place");
        assertEquals(0, op.queueingBulkhead().waiting());
        second.complete("two");
        assertEquals("two", r2.join());
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldTakeACancelledWaiterOutOfTheQueue() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> first = new CompletableFuture<>();
        op.callAsync(() -> first, null);
        CompletableFuture<Object> waiter = op.callAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("ran");
        }, null);
        assertEquals(1, op.queueingBulkhead().waiting());
        assertTrue(waiter.cancel(true));
        assertEquals(0, op.queueingBulkhead().waiting());
        first.complete("done");
        assertEquals(0, calls.get(), "a cancelled waiter never runs");
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldStopRetryingWhenCancelled() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(5, SECOND, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException());
        }, null);
        result.cancel(true);
        time.advance(10 * SECOND);
        assertEquals(1, calls.get());
        assertEquals(0, time.pendingTasks());
        assertThrows(CancellationException.class, result::join);
    }

    @Test
    void shouldInterruptTheRunningAttemptOnCancel() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Engine threaded = time.engine().executor(pool).build()) {
            Operation op = threaded.operation(OperationSpec.builder("op").asynchronous(true)
                    .bulkhead(new BulkheadSpec(1, 1)).build());
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            CompletableFuture<Object> result = op.callAsync(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                    interrupted.complete(false);
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                }
                return CompletableFuture.completedFuture(null);
            }, null);
            started.await();
            result.cancel(true);
            assertTrue(interrupted.get(10, TimeUnit.SECONDS));
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS); // the attempt has finished its bookkeeping
            assertEquals(0, op.queueingBulkhead().running(), "the place is released once the attempt ends");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAbortOnlyTheTimedOutAttemptNotTheRetryThatFollowsIt() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(1, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .timeout(new TimeoutSpec(SECOND))
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> firstStage = new CompletableFuture<>();
        CompletableFuture<Object> result = op.callAsync(() -> calls.incrementAndGet() == 1
                ? firstStage : CompletableFuture.completedFuture("retried"), null);

        // The first attempt times out: its stage is cancelled, its place freed, and the retry runs at once; the
        // first attempt's timeout, already settled, does not touch the retry.
        time.advance(SECOND);
        assertTrue(firstStage.isCancelled());
        assertEquals("retried", result.join());
        assertEquals(2, calls.get());
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldNotTimeOutAStageThatCompletesInTime() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND)).build());
        CompletableFuture<Object> stage = new CompletableFuture<>();
        CompletableFuture<Object> result = op.callAsync(() -> stage, null);
        time.advance(SECOND - 1);
        stage.complete("in time");
        assertEquals(0, time.pendingTasks(), "the timer was cancelled");
        time.advance(SECOND);
        assertEquals("in time", result.join());
    }

    @Test
    void shouldRetryAfterAnAsyncTimeout() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND))
                .retry(RetrySpec.of(1, 0, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(() -> calls.incrementAndGet() == 1 ? new CompletableFuture<>()
                : CompletableFuture.completedFuture("second"), null);
        time.advance(SECOND);
        assertEquals("second", result.join());
    }

    @Test
    void shouldCountAnAsyncTimeoutAsABreakerFailure() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND))
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, 10 * SECOND, 1, ExceptionMatcher.all())).build());
        CompletableFuture<Object> result = op.callAsync(CompletableFuture::new, null);
        time.advance(SECOND);
        assertInstanceOf(TimeoutException.class, failureOf(result));
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
    }

    @Test
    void shouldFallBackOnAnAsyncTimeout() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND))
                .fallback(new FallbackSpec((ctx, failure) -> failure.getClass().getSimpleName(), ExceptionMatcher.all()))
                .build());
        CompletableFuture<Object> result = op.callAsync(CompletableFuture::new, null);
        time.advance(SECOND);
        assertEquals("TimeoutException", result.join());
    }

    @Test
    void shouldReleaseTheBulkheadPlaceWhenTheStageFails() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> stage = new CompletableFuture<>();
        op.callAsync(() -> stage, null);
        stage.completeExceptionally(new IllegalStateException());
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldReleaseTheBulkheadPlaceWhenTheActionThrows() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(1, 1)).build());
        op.callAsync(() -> {
            throw new IllegalStateException();
        }, null);
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldRetryAnAsyncBulkheadRejection() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(1, 1))
                .retry(RetrySpec.of(1, SECOND, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> first = new CompletableFuture<>();
        op.callAsync(() -> first, null);
        op.callAsync(CompletableFuture::new, null); // fills the queue
        CompletableFuture<Object> third = op.callAsync(() -> CompletableFuture.completedFuture("third"), null);
        assertFalse(third.isDone(), "rejected, waiting for its retry");
        first.complete("one"); // the queued call takes the place; the queue has room again
        time.advance(SECOND);
        assertEquals(1, op.queueingBulkhead().waiting(), "the retry is queued behind the running call");
    }

    @Test
    void shouldNotStartAnAttemptWhenCancelledWhileTheAttemptIsBeingSetUp() {
        AtomicReference<CompletableFuture<Object>> call = new AtomicReference<>();
        // The breaker tells its listener of OPEN -> HALF_OPEN on the thread that is starting the retry attempt,
        // which lets this test cancel at exactly that moment: after the retry was decided, before the attempt
        // was handed to the executor.
        CircuitStateListener cancelOnHalfOpen = (name, from, to) -> {
            if (to == CircuitState.HALF_OPEN) {
                call.get().cancel(true);
            }
        };
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(3, SECOND, 0, 0, ExceptionMatcher.allExceptions()))
                .circuitBreaker(CircuitBreakerSpec.builder(1, 1.0, SECOND, 1, ExceptionMatcher.all())
                        .listeners(List.of(cancelOnHalfOpen)).build())
                .build());
        call.set(op.callAsync(() -> {
            calls.incrementAndGet();
            return failed("down");
        }, null));
        time.advance(10 * SECOND);
        assertTrue(call.get().isCancelled());
        assertEquals(1, calls.get(), "no attempt runs after the call was cancelled");
    }

    @Test
    void shouldNotRetryTheAttemptThatCancelInterrupted() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Engine threaded = time.engine().executor(pool).build()) {
            Operation op = threaded.operation(OperationSpec.builder("op").asynchronous(true)
                    .retry(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions())).build());
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> result = op.callAsync(() -> {
                calls.incrementAndGet();
                started.countDown();
                new CountDownLatch(1).await(); // throws once cancel interrupts it
                return CompletableFuture.completedFuture("never");
            }, null);
            started.await();
            assertTrue(result.cancel(true));
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the interrupted attempt ended");
            assertEquals(1, calls.get(), "the InterruptedException it ended with was not retried");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldKeepRetryingWhenTheBeforeRetryListenerThrows() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                        .beforeRetryListener((retry, cause) -> {
                            throw new IllegalArgumentException("listener bug (expected in this test's log)");
                        }).build())
                .build());
        CompletableFuture<Object> result = op.callAsync(() -> calls.incrementAndGet() == 1 ? failed("first")
                : CompletableFuture.completedFuture("second"), null);
        assertEquals("second", result.getNow("not completed"));
    }

    @Test
    void shouldFailWithNullPointerExceptionWhenTheActionReturnsNoStage() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true).build());
        assertInstanceOf(NullPointerException.class, failureOf(op.callAsync(() -> null, null)));
    }

    @Test
    void shouldTakeATimedOutWaiterOutOfTheBulkheadQueue() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND))
                .bulkhead(new BulkheadSpec(1, 1)).build());
        // A stage that cannot be cancelled keeps its place past its timeout, so the waiter's own timeout finds it
        // still in the queue.
        CompletableFuture<Object> firstStage = new CompletableFuture<>();
        op.callAsync(firstStage::minimalCompletionStage, null);
        CompletableFuture<Object> waiter = op.callAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("ran");
        }, null);
        time.advance(SECOND);
        assertInstanceOf(TimeoutException.class, failureOf(waiter));
        assertEquals(0, op.queueingBulkhead().waiting());
        firstStage.complete("late");
        assertEquals(0, calls.get(), "the timed-out waiter never runs");
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldEndTheCallWithTheFailureOfAThrowingResultPredicate() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                        .retryOnResult(result -> (Integer) result < 0).build())
                .build());
        CompletableFuture<Object> result = op.callAsync(() -> CompletableFuture.completedFuture(null), null);
        assertInstanceOf(NullPointerException.class, failureOf(result), "unboxing null in the predicate");
    }

    @Test
    void shouldEndTheCallWithTheFailureOfAThrowingBackoff() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                        .backoff((retry, base, previous) -> {
                            throw new ArithmeticException("backoff bug");
                        }, false).build())
                .build());
        CompletableFuture<Object> result = op.callAsync(() -> failed("down"), null);
        assertInstanceOf(ArithmeticException.class, failureOf(result));
    }

    @Test
    void shouldInterruptAnAsyncAttemptThatTimesOutAndFreeItsPlace() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Engine threaded = time.engine().executor(pool).build()) {
            Operation op = threaded.operation(OperationSpec.builder("op").asynchronous(true)
                    .timeout(new TimeoutSpec(SECOND))
                    .bulkhead(new BulkheadSpec(1, 1)).build());
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            CompletableFuture<Object> result = op.callAsync(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                    interrupted.complete(false);
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                    throw e;
                }
                return CompletableFuture.completedFuture("never");
            }, null);
            started.await();
            time.advance(SECOND); // hands the timeout to the pool, which is busy with the attempt: interrupts it
            assertInstanceOf(TimeoutException.class, failureOf(result, 10));
            assertTrue(interrupted.get(10, TimeUnit.SECONDS));
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS); // the attempt has finished its bookkeeping
            assertEquals(0, op.queueingBulkhead().running());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNotCountAnAttemptCancelledBeforeItRanAsABreakerFailure() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, SECOND, 1, ExceptionMatcher.all()))
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> never = new CompletableFuture<>();
        CompletableFuture<Object> running = op.callAsync(() -> never, null);
        CompletableFuture<Object> queued = op.callAsync(() -> CompletableFuture.completedFuture("late"), null);

        queued.cancel(true); // leaves the bulkhead queue: its body never runs
        assertTrue(queued.isCancelled());
        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state(), "nothing reached the downstream");
        assertEquals(0, op.circuitBreaker().failedCalls());

        never.complete("done");
        assertEquals("done", running.join());
        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state());
    }
}

package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.time.ManualTime;
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
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** The asynchronous driver on a direct executor and virtual time: every step runs on the test thread. */
class AsyncCallTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final ManualTime time = new ManualTime();
    private final Engine engine = Engine.builder().virtualTime(time).executor(Runnable::run).build();
    private final AtomicInteger calls = new AtomicInteger();

    private static Throwable failureOf(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS));
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

    @Test
    void shouldTreatAFailedStageLikeAThrownException() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .circuitBreaker(CircuitBreakerSpec.of(2, 1.0, SECOND, 1, ExceptionMatcher.all()))
                .fallback(new FallbackSpec((ctx, failure) -> CompletableFuture.completedFuture("fb " + failure.getMessage()),
                        ExceptionMatcher.all()))
                .build());
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Object> r = op.callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("down")), null);
            assertEquals("fb down", r.join(), "fallback flattened from the stage it returned");
        }
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
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
        try (Engine threaded = Engine.builder().virtualTime(time).executor(pool).build()) {
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

        // The first attempt times out but keeps its place until its stage completes; the retry queues.
        time.advance(SECOND);
        assertEquals(1, op.queueingBulkhead().waiting(), "the retry waits; the late timeout left it alone");
        assertFalse(result.isDone());
        firstStage.complete("too late");
        assertEquals("retried", result.join());
        assertEquals(2, calls.get());
    }
}

package dev.bulwark.impl.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The synchronous driver's timeout with a manual watchdog: a worker thread makes the guarded call and blocks;
 * the test moves virtual time and calls {@code tick()}. Nothing here depends on how fast threads run.
 */
class TimeoutTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().build();

    private Operation withTimeout(long nanos) {
        return engine.operation(OperationSpec.builder("slow").timeout(new TimeoutSpec(nanos)).build());
    }

    /** An action that signals {@code entered}, then blocks until interrupted. */
    private static Callable<Object> blocking(CountDownLatch entered) {
        return () -> {
            entered.countDown();
            new CountDownLatch(1).await();
            return "never";
        };
    }

    /**
     * Calls {@code op} on a worker thread; the future holds what the call returned or threw, or an AssertionError
     * if the worker's interrupt flag was still set after the call.
     */
    private static CompletableFuture<Object> onWorker(Operation op, Callable<Object> action) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            Object result;
            try {
                result = op.call(action, null);
            } catch (Throwable t) {
                result = t;
            }
            outcome.complete(Thread.currentThread().isInterrupted() ? new AssertionError("interrupt flag leaked")
                    : result);
        });
        worker.start();
        return outcome;
    }

    private void fireAt(long nanos) {
        time.advance(nanos);
        engine.watchdog().tick();
    }

    @Test
    void shouldInterruptTheCallersThreadOnceTheDeadlinePasses() throws Exception {
        Operation op = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(op, blocking(entered));
        entered.await();

        fireAt(SECOND);
        assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldNotInterruptBeforeTheDeadline() throws Exception {
        Operation op = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(op, blocking(entered));
        entered.await();

        time.advance(SECOND - 1);
        assertEquals(SECOND, engine.watchdog().tick(), "the call's deadline is still armed");
        assertFalse(outcome.isDone());
        fireAt(1); // end the worker
        outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldKeepTheActionsFailureAsSuppressedByTheTimeout() throws Exception {
        Operation op = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(op, blocking(entered));
        entered.await();
        fireAt(SECOND);
        TimeoutException timeout = (TimeoutException) outcome.get(10, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedException.class, timeout.getSuppressed()[0]);
    }

    @Test
    void shouldNotInterruptACallThatEndsInTime() throws Exception {
        Operation op = withTimeout(SECOND);
        assertEquals("fast", op.call(() -> "fast", null));
        fireAt(2 * SECOND);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldDisarmTheDeadlineOfACallThatEndsInTime() throws Exception {
        Operation op = withTimeout(SECOND);
        op.call(() -> "fast", null);
        assertEquals(Long.MAX_VALUE, engine.watchdog().tick(), "nothing left armed");
    }

    @Test
    void shouldDisarmTheDeadlineOfACallThatFailsInTime() {
        Operation op = withTimeout(SECOND);
        IllegalStateException failure = new IllegalStateException();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        try {
            op.call(() -> {
                throw failure;
            }, null);
        } catch (Exception e) {
            outcome.complete(e);
        }
        assertEquals(failure, outcome.join(), "the action's own exception, not a timeout");
        fireAt(2 * SECOND);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldReportTimeoutEvenWhenTheActionIgnoresTheInterrupt() throws Exception {
        Operation op = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch fired = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(op, () -> {
            entered.countDown();
            while (true) {
                try {
                    fired.await(); // swallows the interrupt and carries on until the test says so
                    return "late";
                } catch (InterruptedException ignored) {
                    fired.countDown();
                }
            }
        });
        entered.await();
        fireAt(SECOND);
        fired.countDown();
        assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepNestedDeadlinesApart() throws Exception {
        Operation outer = withTimeout(10 * SECOND);
        Operation inner = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(outer, () -> {
            try {
                return inner.call(blocking(entered), null);
            } catch (TimeoutException expected) {
                return "inner timed out, outer went on";
            }
        });
        entered.await();
        fireAt(SECOND);
        assertEquals("inner timed out, outer went on", outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldTimeOutTheOuterCallWhileTheInnerIsRunning() throws Exception {
        Operation outer = withTimeout(SECOND);
        Operation inner = withTimeout(10 * SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(outer, () -> inner.call(blocking(entered), null));
        entered.await();
        fireAt(SECOND);
        TimeoutException timeout = (TimeoutException) outcome.get(10, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedException.class, timeout.getSuppressed()[0],
                "the inner call ended with the interrupt, not with its own timeout");
    }

    @Test
    void shouldLeaveAnUnrelatedInterruptAlone() throws Exception {
        Operation op = withTimeout(SECOND);
        Thread.currentThread().interrupt();
        assertEquals("x", op.call(() -> "x", null));
        assertTrue(Thread.interrupted());
    }

    @Test
    void shouldGiveEachRetryAttemptItsOwnTimeout() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        Operation op = engine.operation(OperationSpec.builder("op").timeout(new TimeoutSpec(SECOND))
                .retry(RetrySpec.of(1, 0, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> outcome = onWorker(op,
                () -> attempts.incrementAndGet() == 1 ? blocking(entered).call() : "second attempt");
        entered.await();
        fireAt(SECOND);
        assertEquals("second attempt", outcome.get(10, TimeUnit.SECONDS));
        assertEquals(2, attempts.get());
    }

    @Test
    void shouldReleaseTheBulkheadPlaceOfATimedOutCall() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op").timeout(new TimeoutSpec(SECOND))
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(op, blocking(entered));
        entered.await();
        assertEquals(1, op.semaphoreBulkhead().running());
        fireAt(SECOND);
        assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(0, op.semaphoreBulkhead().running());
    }

    @Test
    void shouldCountATimeoutAsACircuitBreakerFailure() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op").timeout(new TimeoutSpec(SECOND))
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, SECOND, 1, ExceptionMatcher.all())).build());
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = onWorker(op, blocking(entered));
        entered.await();
        fireAt(SECOND);
        assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
    }

    @Test
    void shouldInterruptWithTheRealWatchdogThread() throws Exception {
        try (Engine real = Engine.builder().build()) {
            Operation op = real.operation(OperationSpec.builder("real").timeout(
                    new TimeoutSpec(TimeUnit.MILLISECONDS.toNanos(50))).build());
            CompletableFuture<Object> outcome = onWorker(op, blocking(new CountDownLatch(1)));
            assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
        }
    }
}

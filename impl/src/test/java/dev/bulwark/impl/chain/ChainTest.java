package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.retry.Backoffs;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** The synchronous chain: Fallback, Retry, CircuitBreaker, Timeout, Bulkhead, in that order. */
class ChainTest {

    private static final long SECOND = 1_000_000_000L;
    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().build();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Throwable> fallbackSaw = new ArrayList<>();

    private FallbackSpec recordingFallback(ExceptionMatcher applyOn) {
        return new FallbackSpec((ctx, failure) -> {
            fallbackSaw.add(failure);
            return "fallback:" + ctx;
        }, applyOn);
    }

    private Callable<Object> failing() {
        return () -> {
            throw new IllegalStateException("attempt " + calls.incrementAndGet());
        };
    }

    // --- fallback -------------------------------------------------------------------------------------------

    @Test
    void shouldReturnTheFallbacksResultForAFailure() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(recordingFallback(ExceptionMatcher.all())).build());
        assertEquals("fallback:ctx", op.call(failing(), "ctx"));
        assertEquals("attempt 1", fallbackSaw.get(0).getMessage());
    }

    @Test
    void shouldNotCallTheFallbackOnSuccess() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(recordingFallback(ExceptionMatcher.all())).build());
        assertEquals("ok", op.call(() -> "ok", null));
        assertEquals(List.of(), fallbackSaw);
    }

    @Test
    void shouldNotApplyTheFallbackToAFailureOutsideApplyOn() {
        IOException failure = new IOException();
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(recordingFallback(ExceptionMatcher.of(List.of(RuntimeException.class), List.of()))).build());
        assertSame(failure, assertThrows(IOException.class, () -> op.call(() -> {
            throw failure;
        }, null)), "the action's own checked exception, unwrapped");
        assertEquals(List.of(), fallbackSaw);
    }

    @Test
    void shouldLetSkipOnWinOverApplyOnForASubclass() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(recordingFallback(ExceptionMatcher.of(List.of(RuntimeException.class),
                        List.of(IllegalArgumentException.class)))).build());
        assertThrows(NumberFormatException.class, () -> op.call(() -> {
            throw new NumberFormatException();
        }, null));
        assertEquals(List.of(), fallbackSaw);
    }

    @Test
    void shouldApplyTheFallbackToASubclassOfApplyOn() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(recordingFallback(ExceptionMatcher.of(List.of(RuntimeException.class),
                        List.of(IllegalArgumentException.class)))).build());
        assertEquals("fallback:null", op.call(failing(), null));
    }

    @Test
    void shouldPropagateTheFallbacksOwnFailure() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(new FallbackSpec((ctx, failure) -> {
                    throw new UnsupportedOperationException("fallback broke");
                }, ExceptionMatcher.all()))
                .build());
        assertThrows(UnsupportedOperationException.class, () -> op.call(failing(), null));
    }

    // --- order of the stages --------------------------------------------------------------------------------

    @Test
    void shouldFallBackOnlyAfterRetriesAreExhausted() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .fallback(recordingFallback(ExceptionMatcher.all())).build());
        assertEquals("fallback:null", op.call(failing(), null));
        assertEquals(4, calls.get());
        assertEquals(1, fallbackSaw.size());
        assertEquals("attempt 4", fallbackSaw.get(0).getMessage(), "the fallback sees the last failure");
    }

    @Test
    void shouldFallBackAtOnceOnAnAbortedFailure() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(3, 0, 0, 0,
                        ExceptionMatcher.of(List.of(Exception.class), List.of(IllegalStateException.class))))
                .fallback(recordingFallback(ExceptionMatcher.all())).build());
        assertEquals("fallback:null", op.call(failing(), null));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldRecordEveryRetryAttemptInTheBreaker() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .circuitBreaker(CircuitBreakerSpec.of(10, 0.5, SECOND, 1, ExceptionMatcher.all())).build());
        assertThrows(IllegalStateException.class, () -> op.call(failing(), null));
        assertEquals(4, op.circuitBreaker().failedCalls());
    }

    @Test
    void shouldPassEveryRetryThroughTheBreakerAndRetryItsRejection() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(5, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .circuitBreaker(CircuitBreakerSpec.of(2, 1.0, SECOND, 1, ExceptionMatcher.all()))
                .fallback(recordingFallback(ExceptionMatcher.all()))
                .build());

        assertEquals("fallback:ctx", op.call(failing(), "ctx"));

        assertEquals(2, calls.get(), "the breaker opened after two failures; the other retries were rejected");
        assertEquals(4, op.circuitBreaker().rejectedCalls(), "every remaining retry passed the breaker again");
        assertInstanceOf(CircuitBreakerOpenException.class, fallbackSaw.get(0));
    }

    @Test
    void shouldLetARetryPassTheBreakerOnceItHalfOpens() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.builder(3, SECOND, 0, 0, ExceptionMatcher.allExceptions())
                        .backoff(Backoffs.CONSTANT, false).build())
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, 2 * SECOND, 1, ExceptionMatcher.all())).build());
        Object result = op.call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException();
            }
            return "recovered";
        }, null);
        assertEquals("recovered", result);
        assertEquals(1, op.circuitBreaker().rejectedCalls(), "the retry at 1 s was rejected, the one at 2 s passed");
        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state());
    }

    @Test
    void shouldNotCallTheActionWhenTheBreakerIsOpen() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, SECOND, 1, ExceptionMatcher.all())).build());
        assertThrows(IllegalStateException.class, () -> op.call(failing(), null));
        assertThrows(CircuitBreakerOpenException.class, () -> op.call(failing(), null));
        assertEquals(1, calls.get());
    }

    // --- bulkhead in the chain ------------------------------------------------------------------------------

    /** Starts a thread that holds a place in {@code op}'s bulkhead until {@code leave} opens. */
    private Thread holdPlace(Operation op, CountDownLatch leave) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                op.call(() -> {
                    inside.countDown();
                    leave.await();
                    return null;
                }, null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        holder.start();
        inside.await();
        return holder;
    }

    @Test
    void shouldRejectACallBeyondTheBulkheadWithBulkheadException() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op").bulkhead(new BulkheadSpec(1, 1)).build());
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = holdPlace(op, leave);
        try {
            assertThrows(BulkheadException.class, () -> op.call(failing(), null));
            assertEquals(0, calls.get());
        } finally {
            leave.countDown();
            holder.join();
        }
        assertEquals(0, op.semaphoreBulkhead().running());
    }

    @Test
    void shouldReleaseTheBulkheadPlaceWhenTheActionFails() {
        Operation op = engine.operation(OperationSpec.builder("op").bulkhead(new BulkheadSpec(1, 1)).build());
        assertThrows(IllegalStateException.class, () -> op.call(failing(), null));
        assertEquals(0, op.semaphoreBulkhead().running());
    }

    @Test
    void shouldRetryABulkheadRejection() throws Exception {
        List<Throwable> causes = new ArrayList<>();
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.builder(2, 0, 0, 0, ExceptionMatcher.allExceptions())
                        .beforeRetryListener((retry, cause) -> causes.add(cause)).build())
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = holdPlace(op, leave);
        try {
            assertThrows(BulkheadException.class, () -> op.call(failing(), null));
        } finally {
            leave.countDown();
            holder.join();
        }
        assertEquals(2, causes.size());
        assertInstanceOf(BulkheadException.class, causes.get(1));
    }

    @Test
    void shouldCountABulkheadRejectionAsABreakerFailure() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, SECOND, 1, ExceptionMatcher.all()))
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = holdPlace(op, leave);
        try {
            assertThrows(BulkheadException.class, () -> op.call(failing(), null));
        } finally {
            leave.countDown();
            holder.join();
        }
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
    }

    @Test
    void shouldFallBackOnABulkheadRejection() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(recordingFallback(ExceptionMatcher.all()))
                .bulkhead(new BulkheadSpec(1, 1)).build());
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = holdPlace(op, leave);
        try {
            assertEquals("fallback:null", op.call(failing(), null));
        } finally {
            leave.countDown();
            holder.join();
        }
        assertInstanceOf(BulkheadException.class, fallbackSaw.get(0));
    }
}

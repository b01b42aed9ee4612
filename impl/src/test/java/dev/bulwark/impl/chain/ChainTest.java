package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.time.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

class ChainTest {

    private final ManualTime time = new ManualTime();
    private final Engine engine = Engine.builder().virtualTime(time).build();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void shouldPassEveryRetryThroughTheBreakerAndRetryItsRejection() {
        List<Throwable> fallbackSaw = new ArrayList<>();
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(5, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .circuitBreaker(CircuitBreakerSpec.of(2, 1.0, 1_000_000_000L, 1, ExceptionMatcher.all()))
                .fallback(new FallbackSpec((ctx, failure) -> {
                    fallbackSaw.add(failure);
                    return "fallback:" + ctx;
                }, ExceptionMatcher.all()))
                .build());

        Object result = assertDoesNotThrow(() -> op.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException();
        }, "ctx"));

        assertEquals("fallback:ctx", result);
        assertEquals(2, calls.get(), "the breaker opened after two failures; the other retries were rejected");
        assertInstanceOf(CircuitBreakerOpenException.class, fallbackSaw.get(0));
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
        assertEquals(4, op.circuitBreaker().rejectedCalls());
    }

    @Test
    void shouldNotApplyTheFallbackToASkippedFailure() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(new FallbackSpec((ctx, failure) -> "fallback",
                        ExceptionMatcher.of(List.of(RuntimeException.class), List.of(IllegalArgumentException.class))))
                .build());
        assertThrows(IllegalArgumentException.class, () -> op.call(() -> {
            throw new IllegalArgumentException();
        }, null));
        assertEquals("fallback", assertDoesNotThrow(() -> op.call(() -> {
            throw new IllegalStateException();
        }, null)));
    }

    @Test
    void shouldPropagateTheFallbacksOwnFailure() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .fallback(new FallbackSpec((ctx, failure) -> {
                    throw new UnsupportedOperationException("fallback broke");
                }, ExceptionMatcher.all()))
                .build());
        assertThrows(UnsupportedOperationException.class, () -> op.call(() -> {
            throw new IllegalStateException();
        }, null));
    }

    @Test
    void shouldRejectACallBeyondTheBulkheadAndReleaseOnEveryPath() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op").bulkhead(new BulkheadSpec(1, 1)).build());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = new Thread(() -> assertDoesNotThrow(() -> op.call(() -> {
            inside.countDown();
            leave.await();
            return null;
        }, null)));
        holder.start();
        inside.await();
        assertThrows(BulkheadException.class, () -> op.call(() -> "second", null));
        leave.countDown();
        holder.join();
        assertEquals(0, op.semaphoreBulkhead().running());
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalStateException();
        }, null));
        assertEquals(0, op.semaphoreBulkhead().running(), "released after a failure too");
        assertEquals("ok", op.call(() -> "ok", null));
    }

    private static Object assertDoesNotThrow(java.util.concurrent.Callable<Object> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}

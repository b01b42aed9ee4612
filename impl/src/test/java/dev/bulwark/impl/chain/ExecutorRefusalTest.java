package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An executor that refuses a retry (saturated, or shut down with the container) never leaves a call hanging. */
class ExecutorRefusalTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final VirtualTime time = new VirtualTime();
    private final AtomicInteger accepted = new AtomicInteger();
    // Takes the first task (the first attempt), refuses everything after.
    private final Executor firstOnly = task -> {
        if (accepted.getAndIncrement() > 0) {
            throw new RejectedExecutionException("saturated");
        }
        task.run();
    };
    private final Engine engine = time.engine().executor(firstOnly).build();

    private static CompletableFuture<Object> down() {
        return CompletableFuture.failedFuture(new IllegalStateException("down"));
    }

    @Test
    void shouldEndTheCallWithTheRefusalWhenADelayedRetryIsRefused() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(3, SECOND, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(ExecutorRefusalTest::down, null);
        time.advance(SECOND);
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS),
                "the refused retry ends the call");
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }

    @Test
    void shouldEndTheCallWithTheRefusalWhenAnImmediateRetryIsRefused() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions())).build());
        CompletableFuture<Object> result = op.callAsync(ExecutorRefusalTest::down, null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }

    @Test
    void shouldStillFallBackWhenARetryIsRefused() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .retry(RetrySpec.of(3, SECOND, 0, 0, ExceptionMatcher.allExceptions()))
                .fallback(new FallbackSpec((context, failure) -> CompletableFuture.completedFuture(
                        "fallback after " + failure.getClass().getSimpleName() + " on "
                                + Thread.currentThread().getName()), ExceptionMatcher.allExceptions()))
                .build());
        CompletableFuture<Object> result = op.callAsync(ExecutorRefusalTest::down, null);
        time.advance(SECOND); // the scheduler's thread here is the test's: it fires the retry, which is refused
        String outcome = assertDoesNotThrow(() -> result.get(10, TimeUnit.SECONDS)).toString();
        assertTrue(outcome.startsWith("fallback after RejectedExecutionException on bulwark-rescue-"),
                "the fallback (the application's code) never runs on the scheduler's thread: " + outcome);
    }

    @Test
    void shouldSettleARefusedTimeoutOffTheSchedulersThread() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .timeout(new TimeoutSpec(SECOND))
                .fallback(new FallbackSpec((context, failure) -> CompletableFuture.completedFuture(
                        Thread.currentThread().getName()), ExceptionMatcher.allExceptions()))
                .build());
        CompletableFuture<Object> result = op.callAsync(CompletableFuture::new, null); // never completes
        time.advance(SECOND);
        String thread = assertDoesNotThrow(() -> result.get(10, TimeUnit.SECONDS)).toString();
        assertTrue(thread.startsWith("bulwark-rescue-"), thread);
    }
}

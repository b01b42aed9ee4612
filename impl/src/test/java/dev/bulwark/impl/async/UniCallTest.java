package dev.bulwark.impl.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import dev.bulwark.impl.timeout.TimeoutSpec;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Mutiny's Uni through the one asynchronous driver, in virtual time: every strategy sees the Uni's outcome, each
 * subscription is one guarded call, each attempt a new subscription to a new Uni, nothing runs before a subscription.
 */
class UniCallTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final VirtualTime time = new VirtualTime();
    // The executor is never used by a non-blocking call without a continuation but for retries and timeouts.
    private final List<Runnable> onExecutor = new ArrayList<>();
    private final Engine engine = time.engine().executor(task -> {
        onExecutor.add(task);
        task.run();
    }).continuations(Continuation.Capture.NONE).build();
    private final AsyncType<Uni<Object>> uni = AsyncTypes.uni();
    private final AtomicInteger subscriptions = new AtomicInteger();

    private Operation operation(OperationSpec.Builder spec) {
        return engine.operation(spec.asynchronous(true).offload(false).build());
    }

    private Uni<Object> guarded(Operation op, Supplier<Uni<Object>> method) {
        return op.callAs(uni, () -> op.started(uni, method.get()), null);
    }

    /** A Uni that counts its subscriptions and fails the first {@code failures} of them. */
    private Uni<Object> flaky(int failures, Object item) {
        return Uni.createFrom().item(() -> {
            if (subscriptions.incrementAndGet() <= failures) {
                throw new IllegalStateException("down " + subscriptions.get());
            }
            return item;
        });
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void shouldRunNothingBeforeSubscriptionAndOneCallPerSubscription() {
        AtomicInteger methodCalls = new AtomicInteger();
        Operation op = operation(OperationSpec.builder("op").retry(RetrySpec.of(3, 0, 0, 0,
                ExceptionMatcher.allExceptions())));
        Uni<Object> result = guarded(op, () -> {
            methodCalls.incrementAndGet();
            return flaky(0, "ok");
        });
        assertEquals(0, methodCalls.get(), "a Uni is lazy: nothing runs before a subscription");
        assertEquals("ok", result.subscribeAsCompletionStage().join());
        assertEquals("ok", result.subscribeAsCompletionStage().join());
        assertEquals(2, methodCalls.get(), "each subscription is one guarded call");
    }

    @Test
    void shouldRetryWithANewSubscriptionAfterAScheduledDelay() {
        List<String> threads = new ArrayList<>();
        Operation op = operation(OperationSpec.builder("op").retry(RetrySpec.of(2, SECOND, 0, 0,
                ExceptionMatcher.allExceptions())));
        CompletableFuture<Object> result = guarded(op, () -> {
            threads.add(Thread.currentThread().getName());
            return flaky(2, "third time");
        }).subscribeAsCompletionStage();

        assertFalse(result.isDone());
        assertEquals(List.of(SECOND), time.pendingDelays(), "the retry waits on the scheduler, no thread sleeps");
        time.advance(SECOND);
        time.advance(SECOND);
        assertEquals("third time", result.join());
        assertEquals(3, subscriptions.get(), "every retry subscribes again");
        assertEquals(Thread.currentThread().getName(), threads.get(0), "the first attempt runs on the subscriber's thread");
    }

    @Test
    void shouldFailWithTimeoutAndCancelTheAttemptsSubscription() {
        AtomicInteger cancelled = new AtomicInteger();
        Operation op = operation(OperationSpec.builder("op").timeout(new TimeoutSpec(SECOND)));
        CompletableFuture<Object> result = guarded(op, () -> Uni.createFrom().nothing()
                .onCancellation().invoke(cancelled::incrementAndGet)).subscribeAsCompletionStage();
        assertFalse(result.isDone());
        time.advance(SECOND);
        assertInstanceOf(TimeoutException.class, failureOf(result));
        assertEquals(1, cancelled.get(), "the timed-out attempt's subscription is cancelled");
    }

    @Test
    void shouldOpenTheBreakerOnFailedUnis() {
        Operation op = operation(OperationSpec.builder("op")
                .circuitBreaker(CircuitBreakerSpec.of(2, 1.0, SECOND, 1, ExceptionMatcher.all())));
        Uni<Object> failing = guarded(op, () -> flaky(100, "never"));
        assertInstanceOf(IllegalStateException.class, failureOf(failing.subscribeAsCompletionStage()));
        assertInstanceOf(IllegalStateException.class, failureOf(failing.subscribeAsCompletionStage()));
        assertInstanceOf(CircuitBreakerOpenException.class, failureOf(failing.subscribeAsCompletionStage()));
        assertEquals(2, subscriptions.get(), "an open breaker never subscribes to the method's Uni");
    }

    @Test
    void shouldHoldBulkheadPlacesPerSubscriptionUntilTheOutcome() {
        Operation op = operation(OperationSpec.builder("op").bulkhead(new BulkheadSpec(1, 1)));
        CompletableFuture<Object> slow = new CompletableFuture<>();
        List<String> started = new ArrayList<>();
        Uni<Object> call = guarded(op, () -> {
            started.add("attempt " + started.size());
            return Uni.createFrom().completionStage(slow);
        });
        CompletableFuture<Object> first = call.subscribeAsCompletionStage();
        CompletableFuture<Object> second = call.subscribeAsCompletionStage();
        CompletableFuture<Object> third = call.subscribeAsCompletionStage();
        assertEquals(List.of("attempt 0"), started, "one running, one waiting");
        assertInstanceOf(BulkheadException.class, failureOf(third), "the third finds no place and no room to wait");
        onExecutor.clear();
        slow.complete("done");
        assertEquals("done", first.join());
        assertEquals("done", second.join());
        assertEquals(2, started.size(), "the waiting subscription started when the first one's place freed");
        assertEquals(1, onExecutor.size(), "the waiter starts on its own executor, not on the releasing call's stack");
        assertEquals(0, op.queueingBulkhead().running());
    }

    @Test
    void shouldRejectOverTheRateLimitPerSubscription() {
        Operation op = operation(OperationSpec.builder("op")
                .rateLimit(new RateLimitSpec(1, SECOND, 0, RateLimitType.FIXED, 0, 0)));
        Uni<Object> call = guarded(op, () -> flaky(0, "ok"));
        assertEquals("ok", call.subscribeAsCompletionStage().join());
        assertInstanceOf(RateLimitException.class, failureOf(call.subscribeAsCompletionStage()));
    }

    @Test
    void shouldApplyAFallbackThatReturnsAUniOrAPlainValue() {
        Operation plain = operation(OperationSpec.builder("plain").fallback(new FallbackSpec(
                (context, failure) -> uni.toStage("plain " + failure.getMessage()), ExceptionMatcher.allExceptions())));
        assertEquals("plain down 1", guarded(plain, () -> flaky(1, "never")).subscribeAsCompletionStage().join());
        Operation reactive = operation(OperationSpec.builder("reactive").fallback(new FallbackSpec(
                (context, failure) -> uni.toStage(Uni.createFrom().item("from a Uni")), ExceptionMatcher.allExceptions())));
        assertEquals("from a Uni", guarded(reactive, () -> flaky(100, "never")).subscribeAsCompletionStage().join());
    }

    @Test
    void shouldStopRetryingWhenTheSubscriptionIsCancelled() {
        AtomicInteger attemptCancelled = new AtomicInteger();
        Operation op = operation(OperationSpec.builder("op").retry(RetrySpec.of(5, SECOND, 0, 0,
                ExceptionMatcher.allExceptions())));
        CompletableFuture<Object> hung = new CompletableFuture<>();
        List<Object> seen = new ArrayList<>();
        Cancellable subscription = guarded(op, () -> subscriptions.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("down"))
                : Uni.createFrom().completionStage(hung).onCancellation().invoke(attemptCancelled::incrementAndGet))
                .subscribe().with(seen::add, seen::add);
        time.advance(SECOND);
        assertEquals(2, subscriptions.get());
        subscription.cancel();
        assertEquals(1, attemptCancelled.get(), "cancelling reaches the running attempt's subscription");
        time.advance(10 * SECOND);
        assertEquals(2, subscriptions.get(), "no retry after the cancel");
        assertTrue(seen.isEmpty());
    }

    @Test
    void shouldGoOnInTheCallersContinuationAfterEveryWait() {
        List<Runnable> onContext = new ArrayList<>();
        boolean[] inContext = {false};
        Continuation context = new Continuation() {
            @Override
            public void execute(Runnable task) {
                onContext.add(task);
                inContext[0] = true;
                try {
                    task.run();
                } finally {
                    inContext[0] = false;
                }
            }

            @Override
            public boolean isCurrent() {
                return inContext[0];
            }
        };
        Engine withContext = time.engine().executor(Runnable::run)
                .continuations(() -> context).build();
        Operation op = withContext.operation(OperationSpec.builder("op").asynchronous(true).offload(false)
                .retry(RetrySpec.of(1, SECOND, 0, 0, ExceptionMatcher.allExceptions()))
                .fallback(new FallbackSpec((c, failure) -> {
                    assertTrue(inContext[0], "the fallback runs in the caller's context");
                    return uni.toStage("fallback");
                }, ExceptionMatcher.allExceptions())).build());
        List<Boolean> attemptsInContext = new ArrayList<>();
        CompletableFuture<Object> result = guarded(op, () -> {
            attemptsInContext.add(inContext[0]);
            return flaky(100, "never");
        }).subscribeAsCompletionStage();
        time.advance(SECOND);
        assertEquals("fallback", result.join());
        assertEquals(List.of(false, true), attemptsInContext, "the first attempt on the subscriber's stack, the retry"
                + " in its context");
        assertFalse(onContext.isEmpty());
    }

    @Test
    void shouldOffloadEachAttemptWhenAsked() {
        List<Runnable> pool = new ArrayList<>();
        Engine offloading = time.engine().executor(pool::add).build();
        Operation op = offloading.operation(OperationSpec.builder("op").asynchronous(true).build());
        AtomicInteger methodCalls = new AtomicInteger();
        CompletableFuture<Object> result = op.callAs(uni, () -> op.started(uni, Uni.createFrom().item(
                "ran " + methodCalls.incrementAndGet())), null).subscribeAsCompletionStage();
        assertEquals(0, methodCalls.get(), "the attempt waits for the executor");
        pool.remove(0).run();
        assertEquals("ran 1", result.join());
    }

    @Test
    void shouldFailAnAttemptWhoseMethodReturnedNull() {
        Operation op = operation(OperationSpec.builder("op"));
        Throwable failure = failureOf(guarded(op, () -> null).subscribeAsCompletionStage());
        assertInstanceOf(NullPointerException.class, failure);
        assertTrue(failure.getMessage().contains("io.smallrye.mutiny.Uni"), failure.getMessage());
    }

    @Test
    void shouldKnowUniAndTheTypesWithoutAnAdapter() {
        assertSame(AsyncTypes.STAGE, AsyncTypes.of(java.util.concurrent.CompletionStage.class));
        assertSame(uni, AsyncTypes.of(Uni.class));
        assertEquals("io.smallrye.mutiny.Multi", AsyncTypes.unsupported(io.smallrye.mutiny.Multi.class).orElseThrow());
        assertEquals("java.util.concurrent.Flow$Publisher",
                AsyncTypes.unsupported(java.util.concurrent.SubmissionPublisher.class).orElseThrow());
        assertTrue(AsyncTypes.unsupported(String.class).isEmpty());
        assertTrue(AsyncTypes.unsupported(Uni.class).isEmpty());
    }
}

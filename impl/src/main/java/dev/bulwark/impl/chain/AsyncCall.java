package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Futures.cancel;
import static dev.bulwark.impl.chain.Futures.then;
import static dev.bulwark.impl.chain.Throwables.unwrap;

import dev.bulwark.api.ResultRejectedException;
import dev.bulwark.impl.chain.Futures.NotStarted;
import dev.bulwark.impl.async.Continuation;
import dev.bulwark.impl.bulkhead.QueueingBulkhead;
import dev.bulwark.impl.bulkhead.QueueingBulkhead.Admission;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.metrics.MetricsRecorder.CircuitBreakerResult;
import dev.bulwark.impl.metrics.MetricsRecorder.FallbackUse;
import dev.bulwark.impl.metrics.MetricsRecorder.RetryOutcome;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.retry.RetryPolicy;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One asynchronous call through the chain. Each layer returns a future that completes after its own
 * bookkeeping, so the outer layers see outcomes in order: bulkhead release, then timeout, then circuit
 * breaker, then the retry decision, then fallback.
 *
 * <p>Retries are scheduled, never slept; every retry starts on the executor (also after a zero delay, so a
 * breaker that rejects at once cannot recurse without bound). Per-call fields are written by one step
 * and read by the next, which the executor hand-off orders; the fields a canceller reads are volatile.
 *
 * <p>An offloaded call ({@code @Asynchronous}) runs each attempt on the engine's executor. A non-blocking one
 * ({@code Uni} without {@code @Asynchronous}, {@code @AsynchronousNonBlocking}) starts each attempt on the thread
 * that starts the call or its retry, and goes on after every wait on its caller's {@link Continuation} (a Vert.x
 * context) when it has one, else on the engine's executor: nothing of it ever blocks a thread.
 */
final class AsyncCall<T> {

    private final Operation op;
    private final Callable<? extends CompletionStage<T>> action;
    private final Object context;
    private final MetricsRecorder metrics;
    private final boolean offload;
    // Where the steps after a wait run: the caller's context for a non-blocking call that has one, else the executor.
    private final Continuation continuation;
    private final Executor steps;
    private final Result result = new Result();
    private long start;
    private int retries;
    private long previousDelay;
    private volatile Future<?> pendingRetry;
    // The attempt in progress; each attempt has its own handle, so a late timeout of one attempt can never
    // abort the retry that followed it.
    private volatile AttemptHandle current;
    // The attempt waiting for a rate-limit permit, and its scheduled next try; only the caller's cancel stops
    // them (the timeout is inside the rate limit, so it never sees an attempt that is still waiting).
    private volatile CompletableFuture<Object> permitWaiter;
    private volatile Future<?> pendingPermit;
    // The last refusal of our own rate limit; read after the attempt's future completed, which orders it.
    private RateLimitException refusal;

    AsyncCall(Operation op, Callable<? extends CompletionStage<T>> action, Object context, Continuation continuation) {
        this.op = op;
        this.action = action;
        this.context = context;
        this.metrics = op.metrics;
        this.offload = op.spec.offload();
        this.continuation = offload ? null : continuation;
        this.steps = this.continuation != null ? this.continuation : op.engine.executor();
    }

    CompletableFuture<T> start() {
        start = op.engine.clock().nanoTime();
        if (op.retry != null) {
            op.retry.deposit(start);
        }
        runAttempt();
        return result;
    }

    private void runAttempt() {
        if (result.isDone()) {
            return;
        }
        AttemptHandle handle = new AttemptHandle();
        current = handle;
        then(attempt(handle), (value, failure) -> {
            if (continuation != null && !continuation.isCurrent()) {
                // The outcome came on another thread (a client's, a timer's): decide and go on in the caller's context.
                continuation.execute(() -> decide(value, failure));
            } else {
                decide(value, failure);
            }
        });
    }

    private void decide(Object value, Throwable failure) {
        try {
            afterAttempt(value, failure == null ? null : unwrap(failure));
        } catch (Throwable decisionFailure) {
            // The application's result predicate or backoff failed. whenComplete would swallow this and leave
            // the caller waiting forever; end the call with it instead, as the synchronous driver does.
            if (!result.isDone()) {
                finish(null, decisionFailure);
            }
        }
    }

    private void afterAttempt(Object value, Throwable failure) {
        if (result.isDone()) {
            return;
        }
        RetryPolicy retry = op.retry;
        if (retry == null) {
            finish(value, failure);
            return;
        }
        if (failure == null ? !retry.retriesOnResult(value) : !retry.retriesOn(failure)) {
            metrics.retryCall(retries > 0,
                    failure == null ? RetryOutcome.VALUE_RETURNED : RetryOutcome.EXCEPTION_NOT_RETRYABLE);
            finish(value, failure);
            return;
        }
        RetryOutcome stop = retry.stopReason(retries, op.engine.clock().nanoTime() - start);
        if (stop == null && !retry.withdraw()) {
            stop = RetryOutcome.RETRY_BUDGET_EXHAUSTED;
        }
        if (stop != null) {
            metrics.retryCall(retries > 0, stop);
            stopRetrying(value, failure);
            return;
        }
        long delay = retry.delayNanos(retries + 1, previousDelay, failure);
        previousDelay = delay;
        Runnable next = () -> {
            if (result.isDone()) {
                return;
            }
            RetryOutcome late = delay > 0 ? retry.stopReason(retries, op.engine.clock().nanoTime() - start) : null;
            if (late != null) {
                metrics.retryCall(retries > 0, late);
                stopRetrying(value, failure);
                return;
            }
            retries++;
            metrics.retried();
            retry.beforeRetry(context, retries, failure);
            runAttempt();
        };
        // An executor that refuses the retry ends the call with its refusal (the fallback may still apply).
        Consumer<RejectedExecutionException> refused = rejection -> {
            // As the synchronous driver tags a retry that was decided but never ran: by the retries done.
            metrics.retryCall(retries > 0, RetryOutcome.EXCEPTION_NOT_RETRYABLE);
            finish(null, rejection);
        };
        if (delay > 0) {
            pendingRetry = op.engine.scheduleOn(steps, next, delay, refused);
        } else {
            op.engine.executeOr(steps, next, refused);
        }
    }

    /**
     * Ends a call whose last attempt was to be retried but may not be: its failure, or its rejected result as
     * {@link RetryPolicy#exhausted} decides for both drivers.
     */
    private void stopRetrying(Object value, Throwable failure) {
        if (failure != null) {
            finish(null, failure);
            return;
        }
        Object ended;
        try {
            ended = op.retry.exhausted(value);
        } catch (ResultRejectedException rejected) {
            finish(null, rejected);
            return;
        }
        finish(ended, null);
    }

    private void finish(Object value, Throwable failure) {
        FallbackSpec fallback = op.spec.fallback();
        if (failure == null) {
            metrics.invocation(true, fallback == null ? FallbackUse.NOT_DEFINED : FallbackUse.NOT_APPLIED);
            result.settle(value, null);
            return;
        }
        if (fallback == null || !fallback.applyOn().matches(failure)) {
            metrics.invocation(false, fallback == null ? FallbackUse.NOT_DEFINED : FallbackUse.NOT_APPLIED);
            result.settle(null, failure);
            return;
        }
        Object replacement;
        try {
            replacement = fallback.function().apply(context, failure);
        } catch (Throwable fallbackFailure) {
            metrics.invocation(false, FallbackUse.APPLIED);
            result.settle(null, fallbackFailure);
            return;
        }
        if (replacement instanceof CompletionStage<?> stage) {
            stage.whenComplete((v, t) -> {
                metrics.invocation(t == null, FallbackUse.APPLIED);
                result.settle(v, t == null ? null : unwrap(t));
            });
        } else {
            metrics.invocation(true, FallbackUse.APPLIED);
            result.settle(replacement, null);
        }
    }

    private CompletableFuture<Object> attempt(AttemptHandle handle) {
        CircuitBreaker breaker = op.circuitBreaker;
        if (breaker == null) {
            return rateLimited(handle);
        }
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            metrics.circuitBreakerCall(CircuitBreakerResult.CIRCUIT_BREAKER_OPEN);
            return CompletableFuture.failedFuture(new CircuitBreakerOpenException(op.spec.name()));
        }
        long started = breaker.startTime();
        return then(rateLimited(handle), (value, failure) -> {
            Throwable cause = failure == null ? null : unwrap(failure);
            if (cause instanceof NotStarted) {
                // Cancelled before it reached the downstream: nothing to record, the trial slot goes back.
                breaker.release(permit);
                return;
            }
            if (cause != null && cause == refusal) {
                // Our own rate limit refused the attempt; the downstream was never called.
                if (breaker.onRateLimited(permit, refusal)) {
                    metrics.circuitBreakerCall(CircuitBreakerResult.FAILURE);
                }
                return;
            }
            boolean failed = cause != null && breaker.onOutcome(permit, cause, started);
            if (failure == null) {
                breaker.onSuccess(permit, started);
            }
            metrics.circuitBreakerCall(failed ? CircuitBreakerResult.FAILURE : CircuitBreakerResult.SUCCESS);
        });
    }

    /**
     * Takes a rate-limit permit, then runs the attempt. Without a free permit the attempt waits up to maxWait by
     * scheduling a new try on the executor when the limiter says one could succeed; no thread is parked.
     */
    private CompletableFuture<Object> rateLimited(AttemptHandle handle) {
        RateLimiter limiter = op.rateLimiter;
        if (limiter == null) {
            return timed(handle);
        }
        refusal = null;
        long wait = limiter.tryAcquire(1);
        if (wait == 0) {
            metrics.rateLimitCall(true);
            return timed(handle);
        }
        CompletableFuture<Object> out = new CompletableFuture<>();
        awaitPermit(handle, limiter, out, op.engine.clock().nanoTime() + limiter.spec().maxWaitNanos(), wait);
        return out;
    }

    private void awaitPermit(AttemptHandle handle, RateLimiter limiter, CompletableFuture<Object> out, long deadline, long wait) {
        if (wait > deadline - op.engine.clock().nanoTime()) {
            permitWaiter = null;
            metrics.rateLimitCall(false);
            refusal = op.rateLimitRejection(wait, null);
            out.completeExceptionally(refusal);
            return;
        }
        permitWaiter = out;
        pendingPermit = op.engine.scheduleOn(steps, () -> {
            if (result.isDone() || out.isDone()) {
                return;
            }
            long next = limiter.tryAcquire(1);
            if (next != 0) {
                awaitPermit(handle, limiter, out, deadline, next);
                return;
            }
            permitWaiter = null;
            metrics.rateLimitCall(true);
            timed(handle).whenComplete((value, failure) -> {
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(failure));
                }
            });
        }, wait, out::completeExceptionally);
    }

    private CompletableFuture<Object> timed(AttemptHandle handle) {
        if (op.timeoutNanos == 0) {
            return bulkheaded(handle);
        }
        long attemptStart = op.engine.clock().nanoTime();
        CompletableFuture<Object> attempt = bulkheaded(handle);
        long elapsed = op.engine.clock().nanoTime() - attemptStart;
        if (attempt.isDone()) {
            // Over before it returned (a rejection, a cached answer, a non-blocking call that had its outcome at
            // once): no timer to arm, and its own outcome stands unless it took longer than the timeout.
            boolean late = elapsed >= op.timeoutNanos;
            metrics.timeoutCall(late, elapsed);
            return late ? CompletableFuture.failedFuture(timeoutException()) : attempt;
        }
        CompletableFuture<Object> out = new CompletableFuture<>();
        // Whichever comes first, the deadline or the attempt's own outcome, decides how the attempt ended.
        AtomicBoolean decided = new AtomicBoolean();
        Future<?> timer;
        try {
            timer = armTimeout(handle, out, attemptStart, decided, op.timeoutNanos - elapsed);
        } catch (RejectedExecutionException stopped) {
            handle.abort(true);
            return CompletableFuture.failedFuture(stopped); // the engine was closed: fail the call, never throw
        }
        attempt.whenComplete((value, failure) -> {
            timer.cancel(false);
            if (decided.compareAndSet(false, true)) {
                metrics.timeoutCall(false, op.engine.clock().nanoTime() - attemptStart);
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(failure));
                }
            }
        });
        return out;
    }

    /**
     * The deadline fires on the scheduler's thread, not on the executor: the executor may be full of attempts blocked
     * like this one, and only this interrupt can free them. The timeout is then settled on the executor, because the
     * breaker, retry and fallback that follow may run the application's code.
     */
    private Future<?> armTimeout(AttemptHandle handle, CompletableFuture<Object> out, long attemptStart,
            AtomicBoolean decided, long remainingNanos) {
        return op.engine.scheduler().schedule(() -> {
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            long elapsed = op.engine.clock().nanoTime() - attemptStart;
            handle.abort(true);
            TimeoutException timeout = timeoutException();
            Runnable settle = () -> {
                metrics.timeoutCall(true, elapsed);
                out.completeExceptionally(timeout);
            };
            try {
                steps.execute(settle);
            } catch (RejectedExecutionException refused) {
                // An executor that refuses work must not leave the caller waiting forever, nor put what follows
                // (breaker, retry, fallback: the application's code) on the scheduler's thread.
                op.engine.rescue(settle);
            }
        }, Math.max(0, remainingNanos));
    }

    private TimeoutException timeoutException() {
        return new TimeoutException(op.spec.name() + " timed out after " + op.timeoutNanos / 1_000_000 + " ms");
    }

    private CompletableFuture<Object> bulkheaded(AttemptHandle handle) {
        QueueingBulkhead bulkhead = op.queue;
        if (bulkhead == null) {
            return offloaded(handle, true);
        }
        QueuedAttempt attempt = new QueuedAttempt(bulkhead, handle);
        handle.queued = attempt;
        Admission admission = bulkhead.submit(attempt);
        attempt.submitted = true;
        if (admission == Admission.REJECTED) {
            handle.queued = null;
            metrics.bulkheadCall(false);
            attempt.out.completeExceptionally(new BulkheadException(op.spec.name() + " rejected: "
                    + bulkhead.limit() + " running and " + bulkhead.queueSize() + " waiting"));
        } else {
            metrics.bulkheadCall(true);
        }
        return attempt.out;
    }

    /** An attempt holding, or waiting for, a place in the bulkhead; run when it gets one. */
    private final class QueuedAttempt implements Runnable {
        final CompletableFuture<Object> out = new CompletableFuture<>();
        final QueueingBulkhead bulkhead;
        final AttemptHandle handle;
        // Clock reads only for the bulkhead's wait and run times, which only metrics want.
        final long queuedAt = metrics.enabled() ? op.engine.clock().nanoTime() : 0;
        // Set once submit returned: a run before that is the admission on the caller's own stack.
        volatile boolean submitted;

        QueuedAttempt(QueueingBulkhead bulkhead, AttemptHandle handle) {
            this.bulkhead = bulkhead;
            this.handle = handle;
        }

        @Override
        public void run() {
            handle.queued = null;
            boolean timed = metrics.enabled();
            long runStart = timed ? op.engine.clock().nanoTime() : 0;
            if (timed) {
                metrics.bulkheadWaiting(runStart - queuedAt);
            }
            then(offloaded(handle, !submitted), (value, failure) -> {
                bulkhead.release();
                if (timed) {
                    metrics.bulkheadRunning(op.engine.clock().nanoTime() - runStart);
                }
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(failure));
                }
            });
        }
    }

    /**
     * Runs the attempt's body: on the engine's executor when offloaded; else at once on the caller's thread, or, for
     * an attempt that waited in the bulkhead and got its place from another call's release, on its own steps'
     * executor (not on the releasing call's thread, and never recursively when outcomes come at once).
     */
    private CompletableFuture<Object> offloaded(AttemptHandle handle, boolean onCaller) {
        Executor runner = offload ? op.engine.executor() : onCaller ? null : steps;
        if (runner == null) {
            return inline(handle);
        }
        CompletableFuture<Object> out = new CompletableFuture<>();
        // Exactly one of "the body starts" and "the task was cancelled before starting" settles out.
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable body = () -> {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                follow(handle, action.call(), out);
            } catch (Throwable failure) {
                out.completeExceptionally(failure);
            }
        };
        FutureTask<Void> task = new FutureTask<>(body, null) {
            @Override
            protected void done() {
                if (isCancelled() && claimed.compareAndSet(false, true)) {
                    out.completeExceptionally(new NotStarted("attempt cancelled before it started"));
                }
            }
        };
        handle.running = task;
        if (handle.aborted) {
            // The abort came before the task was published and could not reach it: the attempt never starts.
            task.cancel(false);
            return out;
        }
        try {
            runner.execute(task);
        } catch (RuntimeException rejected) {
            if (claimed.compareAndSet(false, true)) {
                out.completeExceptionally(rejected);
            }
        }
        return out;
    }

    /**
     * Runs a non-blocking attempt's body here, on the thread that starts it: nothing to hand over or claim, and a
     * stage the method returned is followed as it is when it is a {@code CompletableFuture} (a Uni's subscription is).
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> inline(AttemptHandle handle) {
        if (handle.aborted) {
            return CompletableFuture.failedFuture(new NotStarted("attempt cancelled before it started"));
        }
        CompletionStage<T> stage;
        try {
            stage = action.call();
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
        if (stage instanceof CompletableFuture<?> future) {
            follow(handle, stage, null);
            return (CompletableFuture<Object>) future;
        }
        CompletableFuture<Object> out = new CompletableFuture<>();
        follow(handle, stage, out);
        return out;
    }

    /**
     * What an attempt does with the stage its method returned, offloaded or inline: remembers it so that a timeout or
     * cancel can cancel it (at once if one came while the method was still returning it), and pipes its outcome into
     * {@code out} (null: the stage is followed as it is). A null stage fails the attempt.
     */
    private void follow(AttemptHandle handle, CompletionStage<T> stage, CompletableFuture<Object> out) {
        if (stage == null) {
            out.completeExceptionally(new NullPointerException(op.spec.name() + " returned null"));
            return;
        }
        handle.returned = stage;
        if (handle.aborted) {
            cancel(stage); // timed out (or cancelled) while the method was still returning its stage
        }
        if (out != null) {
            stage.whenComplete((value, failure) -> {
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(failure));
                }
            });
        }
    }

    /** One attempt's place in the bulkhead queue and its task on the executor, so that it can be stopped. */
    private final class AttemptHandle {
        volatile QueuedAttempt queued;
        volatile FutureTask<?> running;
        // The stage the method returned: a timeout or cancel cancels it too, so that a downstream that never answers
        // gives its bulkhead place back when the stage completes (as a cancelled CompletableFuture does at once).
        volatile CompletionStage<?> returned;
        // Set before reading running, which offloaded() publishes before reading this: one always sees the other.
        volatile boolean aborted;

        /**
         * Dequeues the attempt if it waits in the bulkhead; cancels its task, interrupting it if asked. An
         * attempt whose task is not created yet never starts.
         */
        void abort(boolean interrupt) {
            aborted = true;
            QueuedAttempt waiting = queued;
            if (waiting != null && waiting.bulkhead.cancelWaiting(waiting)) {
                queued = null;
                waiting.out.completeExceptionally(new NotStarted("attempt left the bulkhead queue"));
            }
            FutureTask<?> task = running;
            if (task != null) {
                // A non-blocking attempt's thread is its caller's (an event loop): never interrupted.
                task.cancel(interrupt && offload);
            }
            CompletionStage<?> stage = returned;
            if (stage != null) {
                cancel(stage);
            }
        }
    }

    /** The caller's future; cancelling it stops the pending retry and the running attempt. */
    private final class Result extends CompletableFuture<T> {

        @SuppressWarnings("unchecked")
        void settle(Object value, Throwable failure) {
            if (failure == null) {
                complete((T) value);
            } else {
                completeExceptionally(failure);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                CompletableFuture<Object> waiter = permitWaiter;
                if (waiter != null) {
                    Future<?> nextTry = pendingPermit;
                    if (nextTry != null) {
                        nextTry.cancel(false);
                    }
                    waiter.completeExceptionally(new NotStarted("cancelled while waiting for a permit"));
                }
                Future<?> retry = pendingRetry;
                if (retry != null) {
                    retry.cancel(false);
                }
                AttemptHandle attempt = current;
                if (attempt != null) {
                    attempt.abort(mayInterruptIfRunning);
                }
            }
            return cancelled;
        }
    }
}

package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Throwables.unwrap;

import dev.bulwark.impl.bulkhead.QueueingBulkhead;
import dev.bulwark.impl.bulkhead.QueueingBulkhead.Admission;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.metrics.MetricsRecorder.CircuitBreakerResult;
import dev.bulwark.impl.metrics.MetricsRecorder.FallbackUse;
import dev.bulwark.impl.metrics.MetricsRecorder.RetryOutcome;
import dev.bulwark.impl.retry.RetryPolicy;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
final class AsyncCall<T> {

    private final Operation op;
    private final Callable<? extends CompletionStage<T>> action;
    private final Object context;
    private final MetricsRecorder metrics;
    private final Result result = new Result();
    private long start;
    private int retries;
    private long previousDelay;
    private volatile Future<?> pendingRetry;
    private volatile FutureTask<?> running;
    private volatile QueuedAttempt queued;

    AsyncCall(Operation op, Callable<? extends CompletionStage<T>> action, Object context) {
        this.op = op;
        this.action = action;
        this.context = context;
        this.metrics = op.metrics;
    }

    CompletableFuture<T> start() {
        start = op.engine.clock().nanoTime();
        runAttempt();
        return result;
    }

    private void runAttempt() {
        if (result.isDone()) {
            return;
        }
        attempt().whenComplete((value, failure) -> afterAttempt(value, failure == null ? null : unwrap(failure)));
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
        if (stop != null) {
            metrics.retryCall(retries > 0, stop);
            finish(value, failure);
            return;
        }
        long delay = retry.delayNanos(retries + 1, previousDelay);
        previousDelay = delay;
        Runnable next = () -> {
            if (result.isDone()) {
                return;
            }
            RetryOutcome late = delay > 0 ? retry.stopReason(retries, op.engine.clock().nanoTime() - start) : null;
            if (late != null) {
                metrics.retryCall(retries > 0, late);
                finish(value, failure);
                return;
            }
            retries++;
            metrics.retried();
            retry.beforeRetry(retries, failure);
            runAttempt();
        };
        if (delay > 0) {
            pendingRetry = op.engine.scheduleOnExecutor(next, delay);
        } else {
            op.engine.executor().execute(next);
        }
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

    private CompletableFuture<Object> attempt() {
        CircuitBreaker breaker = op.circuitBreaker;
        if (breaker == null) {
            return timed();
        }
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            metrics.circuitBreakerCall(CircuitBreakerResult.CIRCUIT_BREAKER_OPEN);
            return CompletableFuture.failedFuture(new CircuitBreakerOpenException(op.spec.name()));
        }
        return timed().whenComplete((value, failure) -> {
            boolean failed = failure != null && breaker.onOutcome(permit, unwrap(failure));
            if (failure == null) {
                breaker.onSuccess(permit);
            }
            metrics.circuitBreakerCall(failed ? CircuitBreakerResult.FAILURE : CircuitBreakerResult.SUCCESS);
        });
    }

    private CompletableFuture<Object> timed() {
        if (op.timeoutNanos == 0) {
            return bulkheaded();
        }
        CompletableFuture<Object> out = new CompletableFuture<>();
        long attemptStart = op.engine.clock().nanoTime();
        Future<?> timer = op.engine.scheduleOnExecutor(() -> {
            TimeoutException timeout = new TimeoutException(
                    op.spec.name() + " timed out after " + op.timeoutNanos / 1_000_000 + " ms");
            if (out.completeExceptionally(timeout)) {
                metrics.timeoutCall(true, op.engine.clock().nanoTime() - attemptStart);
                abortAttempt(true);
            }
        }, op.timeoutNanos);
        bulkheaded().whenComplete((value, failure) -> {
            timer.cancel(false);
            boolean settled = failure == null ? out.complete(value) : out.completeExceptionally(unwrap(failure));
            if (settled) {
                metrics.timeoutCall(false, op.engine.clock().nanoTime() - attemptStart);
            }
        });
        return out;
    }

    private CompletableFuture<Object> bulkheaded() {
        QueueingBulkhead bulkhead = op.queue;
        if (bulkhead == null) {
            return offloaded();
        }
        QueuedAttempt attempt = new QueuedAttempt(bulkhead);
        queued = attempt;
        Admission admission = bulkhead.submit(attempt);
        if (admission == Admission.REJECTED) {
            queued = null;
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
        final long queuedAt = op.engine.clock().nanoTime();

        QueuedAttempt(QueueingBulkhead bulkhead) {
            this.bulkhead = bulkhead;
        }

        @Override
        public void run() {
            if (queued == this) {
                queued = null;
            }
            long runStart = op.engine.clock().nanoTime();
            metrics.bulkheadWaiting(runStart - queuedAt);
            offloaded().whenComplete((value, failure) -> {
                bulkhead.release();
                metrics.bulkheadRunning(op.engine.clock().nanoTime() - runStart);
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(failure));
                }
            });
        }
    }

    private CompletableFuture<Object> offloaded() {
        CompletableFuture<Object> out = new CompletableFuture<>();
        // Exactly one of "the body starts" and "the task was cancelled before starting" settles out.
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable body = () -> {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                CompletionStage<T> stage = action.call();
                if (stage == null) {
                    out.completeExceptionally(new NullPointerException(op.spec.name() + " returned null"));
                    return;
                }
                stage.whenComplete((value, failure) -> {
                    if (failure == null) {
                        out.complete(value);
                    } else {
                        out.completeExceptionally(unwrap(failure));
                    }
                });
            } catch (Throwable failure) {
                out.completeExceptionally(failure);
            }
        };
        FutureTask<Void> task = new FutureTask<>(body, null) {
            @Override
            protected void done() {
                if (isCancelled() && claimed.compareAndSet(false, true)) {
                    out.completeExceptionally(new CancellationException("attempt cancelled before it started"));
                }
            }
        };
        running = task;
        try {
            op.engine.executor().execute(task);
        } catch (RuntimeException rejected) {
            if (claimed.compareAndSet(false, true)) {
                out.completeExceptionally(rejected);
            }
        }
        return out;
    }

    /** Stops the current attempt: dequeues it if it waits in the bulkhead, interrupts it if asked. */
    private void abortAttempt(boolean interrupt) {
        QueuedAttempt waiting = queued;
        if (waiting != null && waiting.bulkhead.cancelWaiting(waiting)) {
            queued = null;
            waiting.out.completeExceptionally(new CancellationException("attempt left the bulkhead queue"));
        }
        FutureTask<?> task = running;
        if (task != null) {
            task.cancel(interrupt);
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
                Future<?> retry = pendingRetry;
                if (retry != null) {
                    retry.cancel(false);
                }
                abortAttempt(mayInterruptIfRunning);
            }
            return cancelled;
        }
    }
}

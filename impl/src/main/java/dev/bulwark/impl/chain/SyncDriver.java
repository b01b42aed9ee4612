package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Throwables.sneakyThrow;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.metrics.MetricsRecorder.CircuitBreakerResult;
import dev.bulwark.impl.metrics.MetricsRecorder.FallbackUse;
import dev.bulwark.impl.metrics.MetricsRecorder.RetryOutcome;
import dev.bulwark.impl.ratelimit.PermitWait;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.retry.RetryPolicy;
import dev.bulwark.impl.timeout.TimeoutWatchdog;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Runs the chain on the caller's thread: Fallback, Retry, CircuitBreaker, RateLimit, Timeout, Bulkhead, action.
 * Straight-line code with the per-call state in locals: nothing is allocated on the success path.
 */
final class SyncDriver {

    private SyncDriver() {
    }

    static Object call(Operation op, Invoker action, Object target, Object context) throws Exception {
        FallbackSpec fallback = op.spec.fallback();
        MetricsRecorder metrics = op.metrics;
        Object result;
        try {
            result = retrying(op, action, target, context);
        } catch (Throwable failure) {
            if (fallback == null || !fallback.applyOn().matches(failure)) {
                metrics.invocation(false, fallback == null ? FallbackUse.NOT_DEFINED : FallbackUse.NOT_APPLIED);
                throw sneakyThrow(failure);
            }
            try {
                result = fallback.function().apply(context, failure);
            } catch (Throwable fallbackFailure) {
                metrics.invocation(false, FallbackUse.APPLIED);
                throw sneakyThrow(fallbackFailure);
            }
            metrics.invocation(true, FallbackUse.APPLIED);
            return result;
        }
        metrics.invocation(true, fallback == null ? FallbackUse.NOT_DEFINED : FallbackUse.NOT_APPLIED);
        return result;
    }

    private static Object retrying(Operation op, Invoker action, Object target, Object context) throws Throwable {
        RetryPolicy retry = op.retry;
        if (retry == null) {
            return attempt(op, action, target);
        }
        MetricsRecorder metrics = op.metrics;
        long start = op.engine.clock().nanoTime();
        retry.deposit(start);
        int retries = 0;
        long previousDelay = 0;
        while (true) {
            Object result = null;
            Throwable failure = null;
            boolean returned = false;
            try {
                result = attempt(op, action, target);
                returned = true;
            } catch (Throwable t) {
                // An interrupted caller (shutdown, cancel) stops here, with its interrupt kept: an
                // InterruptedException is an Exception, but retrying it would ignore the one who interrupted.
                boolean interrupted = t instanceof InterruptedException;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (interrupted || !retry.retriesOn(t)) {
                    metrics.retryCall(retries > 0, RetryOutcome.EXCEPTION_NOT_RETRYABLE);
                    throw t;
                }
                failure = t;
            }
            // Outside the attempt's try: a result predicate that throws ends the call (as in the async driver)
            // instead of being retried as if the downstream had failed.
            if (returned && !retry.retriesOnResult(result)) {
                metrics.retryCall(retries > 0, RetryOutcome.VALUE_RETURNED);
                return result;
            }
            RetryOutcome stop = retry.stopReason(retries, op.engine.clock().nanoTime() - start);
            if (stop == null && !retry.withdraw()) {
                stop = RetryOutcome.RETRY_BUDGET_EXHAUSTED;
            }
            if (stop == null) {
                long delay = retry.delayNanos(retries + 1, previousDelay, failure);
                if (delay > 0) {
                    try {
                        op.engine.sleeper().sleep(delay);
                    } catch (InterruptedException e) {
                        // The caller was interrupted while waiting: stop, and keep the interrupt visible.
                        Thread.currentThread().interrupt();
                        metrics.retryCall(retries > 0, RetryOutcome.EXCEPTION_NOT_RETRYABLE);
                        throw failure != null ? failure : e;
                    }
                    // Waiting may have used up the time allowed.
                    stop = retry.stopReason(retries, op.engine.clock().nanoTime() - start);
                }
                previousDelay = delay;
            }
            if (stop != null) {
                metrics.retryCall(retries > 0, stop);
                if (failure != null) {
                    throw failure;
                }
                return retry.exhausted(result);
            }
            retries++;
            metrics.retried();
            retry.beforeRetry(context, retries, failure);
        }
    }

    private static Object attempt(Operation op, Invoker action, Object target) throws Throwable {
        var breaker = op.circuitBreaker;
        var limiter = op.rateLimiter;
        if (breaker == null) {
            if (limiter != null) {
                acquirePermit(op, limiter);
            }
            return timed(op, action, target);
        }
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            op.metrics.circuitBreakerCall(CircuitBreakerResult.CIRCUIT_BREAKER_OPEN);
            throw new CircuitBreakerOpenException(op.spec.name());
        }
        if (limiter != null) {
            try {
                acquirePermit(op, limiter);
            } catch (RateLimitException refused) {
                // The downstream was never called: the breaker decides whether that counts at all.
                if (breaker.onRateLimited(permit, refused)) {
                    op.metrics.circuitBreakerCall(CircuitBreakerResult.FAILURE);
                }
                throw refused;
            }
        }
        Object result;
        long started = breaker.startTime();
        try {
            result = timed(op, action, target);
        } catch (Throwable t) {
            boolean failed = breaker.onOutcome(permit, t, started);
            op.metrics.circuitBreakerCall(failed ? CircuitBreakerResult.FAILURE : CircuitBreakerResult.SUCCESS);
            throw t;
        }
        breaker.onSuccess(permit, started);
        op.metrics.circuitBreakerCall(CircuitBreakerResult.SUCCESS);
        return result;
    }

    /**
     * Takes one rate-limit permit, waiting on the caller's thread (through the engine's sleeper, interruptibly) up to
     * the limit's maxWait for it. Allocation-free when a permit is free.
     *
     * @throws RateLimitException when no permit is free within maxWait, or the wait is interrupted (the interrupt
     *         stays set and the exception's cause is the {@link InterruptedException})
     */
    private static void acquirePermit(Operation op, RateLimiter limiter) {
        long refusedFor;
        try {
            refusedFor = PermitWait.acquire(limiter, 1, op.engine.clock(), op.engine.sleeper());
        } catch (PermitWait.Interrupted interrupted) {
            op.metrics.rateLimitCall(false);
            throw op.rateLimitRejection(interrupted.remainingNanos(), interrupted.getCause());
        }
        op.metrics.rateLimitCall(refusedFor == 0);
        if (refusedFor != 0) {
            throw op.rateLimitRejection(refusedFor, null);
        }
    }

    private static Object timed(Operation op, Invoker action, Object target) throws Throwable {
        if (op.timeoutNanos == 0) {
            return bulkheaded(op, action, target);
        }
        MetricsRecorder metrics = op.metrics;
        long start = metrics.enabled() ? op.engine.clock().nanoTime() : 0;
        TimeoutWatchdog watchdog = op.engine.watchdog();
        TimeoutWatchdog.Slot slot = watchdog.arm(op.timeoutNanos);
        Object result = null;
        Throwable failure = null;
        try {
            result = bulkheaded(op, action, target);
        } catch (Throwable t) {
            failure = t;
        }
        boolean timedOut = watchdog.disarm(slot);
        if (metrics.enabled()) {
            metrics.timeoutCall(timedOut, op.engine.clock().nanoTime() - start);
        }
        if (timedOut) {
            TimeoutException timeout = new TimeoutException(
                    op.spec.name() + " timed out after " + op.timeoutNanos / 1_000_000 + " ms");
            if (failure != null) {
                timeout.addSuppressed(failure);
            }
            throw timeout;
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private static Object bulkheaded(Operation op, Invoker action, Object target) throws Exception {
        var bulkhead = op.semaphore;
        if (bulkhead == null) {
            return action.invoke(target);
        }
        MetricsRecorder metrics = op.metrics;
        if (!bulkhead.tryAcquire()) {
            metrics.bulkheadCall(false);
            throw new BulkheadException(op.spec.name() + " rejected: " + bulkhead.limit() + " calls already running");
        }
        metrics.bulkheadCall(true);
        long start = metrics.enabled() ? op.engine.clock().nanoTime() : 0;
        try {
            return action.invoke(target);
        } finally {
            bulkhead.release();
            if (metrics.enabled()) {
                metrics.bulkheadRunning(op.engine.clock().nanoTime() - start);
            }
        }
    }
}

package dev.bulwark.impl.async;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the caller of a {@code Future}-returning {@code @Asynchronous} method gets: the guarded call's own
 * future until the method (or its fallback) has returned a Future, then that Future. Cancelling reaches the
 * running attempt through the guarded call, and the returned Future once there is one.
 */
final class PassedOnFuture implements Future<Object> {

    private final CompletableFuture<Object> outcome;

    PassedOnFuture(CompletableFuture<Object> outcome) {
        this.outcome = outcome;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (outcome.cancel(mayInterruptIfRunning)) {
            return true;
        }
        Future<?> returned = returned();
        return returned != null && returned.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        if (outcome.isCancelled()) {
            return true;
        }
        Future<?> returned = returned();
        return returned != null && returned.isCancelled();
    }

    @Override
    public boolean isDone() {
        if (!outcome.isDone()) {
            return false;
        }
        Future<?> returned = returned();
        return returned == null || returned.isDone();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        return ((Future<?>) outcome.get()).get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Future<?> returned = (Future<?>) outcome.get(timeout, unit);
        return returned.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The Future the method or its fallback returned, or null while there is none (or the call failed). */
    private Future<?> returned() {
        if (!outcome.isDone() || outcome.isCompletedExceptionally()) {
            return null;
        }
        try {
            return (Future<?>) outcome.join();
        } catch (CancellationException e) {
            return null;
        }
    }
}

package dev.bulwark.impl.chain;

import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.async.Continuation;
import dev.bulwark.impl.bulkhead.QueueingBulkhead;
import dev.bulwark.impl.bulkhead.SemaphoreBulkhead;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.retry.RetryPolicy;
import dev.bulwark.impl.shared.SharedName;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A guarded operation ready to run: its spec plus the state that every call shares (circuit breaker,
 * rate limiter, bulkhead). Created once per spec (per bean class and method, or per programmatic guard) and used by
 * any number of threads.
 */
public final class Operation {

    final OperationSpec spec;
    final Engine engine;
    final RetryPolicy retry;
    final CircuitBreaker circuitBreaker;
    final RateLimiter rateLimiter;
    final SemaphoreBulkhead semaphore;
    final QueueingBulkhead queue;
    final long timeoutNanos;
    final MetricsRecorder metrics;
    final Stages stages;

    // Whether the recorder is this operation's own, to release with it (not one shared by a method's partitions).
    private final boolean ownsMetrics;

    Operation(OperationSpec spec, Engine engine) {
        this(spec, engine, null, null);
    }

    /**
     * @param metrics the recorder to share (one partition of a partitioned method: its method's
     *        {@link MetricsRecorder#shared()}), or null for one of its own
     * @param partition with no recorder to share, the {@code partition} tag of its own recorder's series, or null
     */
    Operation(OperationSpec spec, Engine engine, MetricsRecorder metrics, String partition) {
        this.spec = spec;
        this.engine = engine;
        this.retry = spec.retry() != null ? new RetryPolicy(spec.retry()) : null;
        if (spec.circuitBreaker() != null) {
            String name = spec.circuitBreaker().name() != null ? spec.circuitBreaker().name() : spec.name();
            CircuitBreaker own = new CircuitBreaker(spec.circuitBreaker(), name, engine.clock());
            // Claimed before the breaker is linked to a store or metered, so a name held with other settings fails
            // with nothing to undo; with the same settings this operation shares the breaker already there, which
            // its first holder linked.
            this.circuitBreaker = spec.circuitBreaker().name() == null ? own
                    : engine.circuitBreakers().claim(own, spec.name(), spec.sharedCircuitBreaker());
            if (spec.sharedCircuitBreaker() != null && circuitBreaker == own) {
                spec.sharedCircuitBreaker().store().link(spec.sharedCircuitBreaker().name(), circuitBreaker);
            }
        } else {
            this.circuitBreaker = null;
        }
        this.rateLimiter = spec.rateLimit() == null ? null : shared(spec.sharedRateLimit(),
                RateLimiter.of(spec.rateLimit(), engine.clock()));
        boolean async = spec.asynchronous();
        this.semaphore = spec.bulkhead() != null && !async ? new SemaphoreBulkhead(spec.bulkhead()) : null;
        this.queue = spec.bulkhead() != null && async ? new QueueingBulkhead(spec.bulkhead()) : null;
        this.timeoutNanos = spec.timeout() != null ? spec.timeout().timeoutNanos() : 0;
        this.ownsMetrics = metrics == null;
        this.metrics = metrics != null ? metrics : partition != null ? engine.metrics().recorderFor(this, partition)
                : engine.metrics().recorderFor(this);
        // The operation's link to a store is not one strategy's: its gauge is the operation's (Bulwark's own).
        SharedName shared = spec.sharedRateLimit() != null ? spec.sharedRateLimit() : spec.sharedCircuitBreaker();
        if (shared != null) {
            this.metrics.gauge("ft.shared.store.available", () -> shared.store().available() ? 1 : 0);
        }
        // Each stage declares its series on the recorder as it is made.
        this.stages = Stages.of(this);
    }

    /**
     * Runs {@code action} through the chain on the caller's thread. The action's exception is thrown as it
     * is; the engine's own (timeout, open circuit, full bulkhead) are MP FT exceptions.
     *
     * @param context handed to the fallback (the CDI interceptor's invocation context), may be null
     */
    public Object call(Callable<?> action, Object context) throws Exception {
        return SyncDriver.call(this, Invoker.CALLABLE, action, context);
    }

    /**
     * Runs {@code invoker} on {@code target} through the chain on the caller's thread, like
     * {@link #call(Callable, Object)} but without an adapter object per call.
     */
    public Object call(Invoker invoker, Object target, Object context) throws Exception {
        return SyncDriver.call(this, invoker, target, context);
    }

    /**
     * Runs {@code action} through the chain, each attempt on the engine's executor. The returned future's
     * {@code cancel(true)} interrupts the running attempt and stops retrying.
     *
     * @param context handed to the fallback, may be null
     */
    public <T> CompletableFuture<T> callAsync(Callable<? extends CompletionStage<T>> action, Object context) {
        return new AsyncCall<T>(this, action, context, null).start();
    }

    /**
     * Runs {@code action} through the chain as an asynchronous call; a non-blocking operation ({@code offload} false)
     * goes on after each wait on {@code continuation} when it is not null.
     */
    public <T> CompletableFuture<T> callAsync(Callable<? extends CompletionStage<T>> action, Object context,
            Continuation continuation) {
        return new AsyncCall<T>(this, action, context, continuation).start();
    }

    /**
     * Guards a method of asynchronous type {@code type}: the caller gets that type, each start of which (each
     * subscription, for a lazy type) is one guarded call. Every attempt runs {@code attempt} again, which calls the
     * method and starts what it returned ({@link #started}). A non-blocking operation captures its caller's
     * continuation when the call starts.
     */
    public <A> A callAs(AsyncType<A> type, Callable<? extends CompletionStage<Object>> attempt, Object context) {
        return type.fromStage(() -> callAsync(attempt, context,
                spec.offload() ? null : engine.continuations().current()));
    }

    /** Starts what one attempt returned as {@code type} says; a null (no stage, no Uni) fails the attempt. */
    public CompletionStage<Object> started(AsyncType<?> type, Object returned) {
        if (returned == null) {
            throw new NullPointerException(spec.name() + " returned null instead of a " + type.name());
        }
        return type.toStage(returned);
    }

    /** This operation's metrics recorder, for the partitions that share it. */
    public MetricsRecorder metrics() {
        return metrics;
    }

    public OperationSpec spec() {
        return spec;
    }

    public Engine engine() {
        return engine;
    }

    /** The shared circuit breaker, or null. */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** The shared rate limiter, or null. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The synchronous bulkhead, or null (also null for an asynchronous operation). */
    public SemaphoreBulkhead semaphoreBulkhead() {
        return semaphore;
    }

    /** The asynchronous bulkhead, or null (also null for a synchronous operation). */
    public QueueingBulkhead queueingBulkhead() {
        return queue;
    }

    /**
     * Lets go of this operation's circuit breaker: it leaves the registry of named breakers (and a shared store) with
     * the last operation that holds it.
     */
    public void release() {
        boolean last = true;
        if (circuitBreaker != null && spec.circuitBreaker().name() != null) {
            last = engine.circuitBreakers().unregister(circuitBreaker);
        }
        if (spec.sharedCircuitBreaker() != null && last) {
            spec.sharedCircuitBreaker().store().unlink(spec.sharedCircuitBreaker().name(), circuitBreaker);
        }
        if (ownsMetrics) {
            metrics.release();
        }
    }

    private RateLimiter shared(SharedName shared, RateLimiter local) {
        return shared == null ? local : shared.store().rateLimiter(shared.name(), local.spec(), local);
    }
}

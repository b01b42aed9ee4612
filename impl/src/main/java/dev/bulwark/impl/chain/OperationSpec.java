package dev.bulwark.impl.chain;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import dev.bulwark.impl.shared.SharedName;
import dev.bulwark.impl.stage.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The immutable description of one guarded operation: which strategies it has and their settings. Both
 * doors into the engine build one: the CDI extension from annotations and config, the programmatic API from
 * its builder. A strategy that is absent is null.
 */
public final class OperationSpec {

    private final String name;
    private final RetrySpec retry;
    private final CircuitBreakerSpec circuitBreaker;
    private final RateLimitSpec rateLimit;
    private final SharedName sharedRateLimit;
    private final SharedName sharedCircuitBreaker;
    private final TimeoutSpec timeout;
    private final BulkheadSpec bulkhead;
    private final FallbackSpec fallback;
    private final boolean asynchronous;
    private final boolean offload;
    private final List<StageSpec> stages;

    private OperationSpec(Builder b) {
        this.name = notNull(b.name, "name");
        this.retry = b.retry;
        this.circuitBreaker = b.circuitBreaker;
        this.rateLimit = b.rateLimit;
        this.sharedRateLimit = b.rateLimit == null ? null : b.sharedRateLimit;
        this.sharedCircuitBreaker = b.circuitBreaker == null ? null : b.sharedCircuitBreaker;
        this.timeout = b.timeout != null && b.timeout.timeoutNanos() > 0 ? b.timeout : null;
        this.bulkhead = b.bulkhead;
        this.fallback = b.fallback;
        this.asynchronous = b.asynchronous;
        this.offload = b.asynchronous && b.offload;
        this.stages = List.copyOf(b.stages);
    }

    /** A builder for an operation called {@code name} (for metrics: the method's fully qualified name). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public RetrySpec retry() {
        return retry;
    }

    public CircuitBreakerSpec circuitBreaker() {
        return circuitBreaker;
    }

    /** The rate limit (between the circuit breaker and the timeout), or null. */
    public RateLimitSpec rateLimit() {
        return rateLimit;
    }

    /** Where replicas share the rate limit; null for a local one. */
    public SharedName sharedRateLimit() {
        return sharedRateLimit;
    }

    /** Where replicas share the circuit breaker; null for a local one. */
    public SharedName sharedCircuitBreaker() {
        return sharedCircuitBreaker;
    }

    /** The timeout, or null when absent or zero. */
    public TimeoutSpec timeout() {
        return timeout;
    }

    public BulkheadSpec bulkhead() {
        return bulkhead;
    }

    public FallbackSpec fallback() {
        return fallback;
    }

    /**
     * Whether calls are asynchronous: followed through a stage, with the asynchronous bulkhead (running plus
     * waiting).
     */
    public boolean asynchronous() {
        return asynchronous;
    }

    /**
     * Whether each attempt of an asynchronous call runs on the engine's executor ({@code @Asynchronous}); false for a
     * non-blocking one, whose attempts start on the thread that starts them ({@code Uni},
     * {@code @AsynchronousNonBlocking}).
     */
    public boolean offload() {
        return offload;
    }

    /** The strategies beyond the built-in ones, in the order they were added; empty when there are none. */
    public List<StageSpec> stages() {
        return stages;
    }

    @Override
    public String toString() {
        return "OperationSpec[" + name + ", retry=" + retry + ", circuitBreaker=" + circuitBreaker + ", rateLimit="
                + rateLimit + ", timeout="
                + timeout + ", bulkhead=" + bulkhead + ", fallback=" + fallback + ", asynchronous=" + asynchronous
                + ", offload=" + offload + (stages.isEmpty() ? "" : ", stages=" + stages) + "]";
    }

    /** Collects the strategies of an operation. */
    public static final class Builder {
        private final String name;
        private RetrySpec retry;
        private CircuitBreakerSpec circuitBreaker;
        private RateLimitSpec rateLimit;
        private SharedName sharedRateLimit;
        private SharedName sharedCircuitBreaker;
        private TimeoutSpec timeout;
        private BulkheadSpec bulkhead;
        private FallbackSpec fallback;
        private boolean asynchronous;
        private boolean offload = true;
        private final List<StageSpec> stages = new ArrayList<>(0);

        private Builder(String name) {
            this.name = name;
        }

        public Builder retry(RetrySpec retry) {
            this.retry = retry;
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSpec circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        public Builder rateLimit(RateLimitSpec rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        /** Shares the rate limit through a store; null (the default) keeps it local. */
        public Builder sharedRateLimit(SharedName shared) {
            this.sharedRateLimit = shared;
            return this;
        }

        /** Shares the circuit breaker through a store; null (the default) keeps it local. */
        public Builder sharedCircuitBreaker(SharedName shared) {
            this.sharedCircuitBreaker = shared;
            return this;
        }

        public Builder timeout(TimeoutSpec timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder bulkhead(BulkheadSpec bulkhead) {
            this.bulkhead = bulkhead;
            return this;
        }

        public Builder fallback(FallbackSpec fallback) {
            this.fallback = fallback;
            return this;
        }

        public Builder asynchronous(boolean asynchronous) {
            this.asynchronous = asynchronous;
            return this;
        }

        /** For an asynchronous operation: whether attempts run on the executor (true, the default). */
        public Builder offload(boolean offload) {
            this.offload = offload;
            return this;
        }

        /** Adds a strategy beyond the built-in ones: its stage goes just inside the built-in stage of its place. */
        public Builder stage(StageSpec stage) {
            stages.add(notNull(stage, "stage"));
            return this;
        }

        /** Adds each of {@code specs}, as {@link #stage} does. */
        public Builder stages(List<? extends StageSpec> specs) {
            specs.forEach(this::stage);
            return this;
        }

        public OperationSpec build() {
            return new OperationSpec(this);
        }
    }
}

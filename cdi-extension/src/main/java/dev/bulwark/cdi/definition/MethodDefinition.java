package dev.bulwark.cdi.definition;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.stage.StageSpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the annotations and config say about one method of one bean class, validated. The strategies that
 * are absent or disabled are null. The fallback is described, not built: building it needs the container.
 * Each {@link StrategyReader} writes its strategy into the {@link Builder}.
 */
public final class MethodDefinition {

    private final Class<?> beanClass;
    private final Method method;
    private final RetryDefinition retry;
    private final CircuitBreakerSpec circuitBreaker;
    private final RateLimitSpec rateLimit;
    private final TimeoutSpec timeout;
    private final BulkheadSpec bulkhead;
    private final FallbackDefinition fallback;
    private final List<StageSpec> stages;
    private final Execution execution;
    private final String shared;
    private final Partitioning partition;

    private MethodDefinition(Builder b, Execution execution, String shared) {
        this.beanClass = b.beanClass;
        this.method = b.method;
        this.retry = b.retry;
        this.circuitBreaker = b.circuitBreaker;
        this.rateLimit = b.rateLimit;
        this.timeout = b.timeout;
        this.bulkhead = b.bulkhead;
        this.fallback = b.fallback;
        this.stages = List.copyOf(b.stages);
        this.execution = execution;
        this.shared = shared;
        this.partition = b.partition;
    }

    /** How calls find their partition ({@code @PartitionKey}, {@code @PartitionedBy}), or null when not partitioned. */
    public Partitioning partition() {
        return partition;
    }

    public Class<?> beanClass() {
        return beanClass;
    }

    public Method method() {
        return method;
    }

    public RetryDefinition retry() {
        return retry;
    }

    public CircuitBreakerSpec circuitBreaker() {
        return circuitBreaker;
    }

    public RateLimitSpec rateLimit() {
        return rateLimit;
    }

    public TimeoutSpec timeout() {
        return timeout;
    }

    public BulkheadSpec bulkhead() {
        return bulkhead;
    }

    public FallbackDefinition fallback() {
        return fallback;
    }

    /** The strategies beyond the built-in ones, each as its stage's spec; empty when none applies. */
    public List<StageSpec> stages() {
        return stages;
    }

    /**
     * How calls run: synchronously, offloaded ({@code @Asynchronous}) or non-blocking ({@code Uni},
     * {@code @AsynchronousNonBlocking}).
     */
    public Execution execution() {
        return execution;
    }

    /** The name under which replicas share the rate limit and breaker ({@code @Shared}), or null. */
    public String shared() {
        return shared;
    }

    /** Whether the outcome is a returned stage, Future or Uni that the asynchronous driver follows. */
    public boolean asynchronous() {
        return execution.asynchronous();
    }

    /** The name the spec's metrics use: {@code <fully qualified class>.<method>}. */
    public String name() {
        return ClassNames.of(beanClass) + "." + method.getName();
    }

    /** {@code <class>.<method>()}, as problems name the method. */
    public String where() {
        return ClassNames.of(beanClass) + "." + method.getName() + "()";
    }

    /** Whether any strategy applies; a method without one is called straight through. */
    public boolean guarded() {
        return strategies() || execution == Execution.OFFLOADED;
    }

    private boolean strategies() {
        return retry != null || circuitBreaker != null || rateLimit != null || timeout != null || bulkhead != null
                || fallback != null || !stages.isEmpty();
    }

    /** The strategies of one method as its readers find them; {@link #build} adds how it runs and what it shares. */
    public static final class Builder {

        private final Class<?> beanClass;
        private final Method method;
        private RetryDefinition retry;
        private CircuitBreakerSpec circuitBreaker;
        private RateLimitSpec rateLimit;
        private TimeoutSpec timeout;
        private BulkheadSpec bulkhead;
        private FallbackDefinition fallback;
        private final List<StageSpec> stages = new ArrayList<>(0);
        private Partitioning partition;
        private final Set<Class<? extends Annotation>> inForce = new HashSet<>(4);

        Builder(Class<?> beanClass, Method method) {
            this.beanClass = beanClass;
            this.method = method;
        }

        public Class<?> beanClass() {
            return beanClass;
        }

        public Method method() {
            return method;
        }

        public Builder retry(RetryDefinition value) {
            this.retry = value;
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSpec value) {
            this.circuitBreaker = value;
            return this;
        }

        public Builder rateLimit(RateLimitSpec value) {
            this.rateLimit = value;
            return this;
        }

        public Builder timeout(TimeoutSpec value) {
            this.timeout = value;
            return this;
        }

        public Builder bulkhead(BulkheadSpec value) {
            this.bulkhead = value;
            return this;
        }

        public Builder fallback(FallbackDefinition value) {
            this.fallback = value;
            return this;
        }

        public Builder partition(Partitioning value) {
            this.partition = value;
            return this;
        }

        /** Adds a strategy beyond the built-in ones. */
        public Builder stage(StageSpec value) {
            stages.add(value);
            return this;
        }

        /**
         * Says that a strategy's annotation is in force on the method (present and enabled), whether or not its
         * values were valid: an invalid one still counts, so that what depends on it is read and reported too.
         */
        public Builder inForce(Class<? extends Annotation> annotation) {
            inForce.add(annotation);
            return this;
        }

        /** Whether the strategy of {@code annotation} is in force. */
        boolean isInForce(Class<? extends Annotation> annotation) {
            return inForce.contains(annotation);
        }

        /** Whether some strategy is in force. */
        boolean anyInForce() {
            return !inForce.isEmpty();
        }

        RateLimitSpec rateLimit() {
            return rateLimit;
        }

        MethodDefinition build(Execution execution, String shared) {
            return new MethodDefinition(this, execution, shared);
        }
    }
}

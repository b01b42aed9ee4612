package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.AdaptiveBulkheadOptions;
import dev.bulwark.api.BulkheadOptions;
import dev.bulwark.api.CircuitBreakerOptions;
import dev.bulwark.api.FallbackFunction;
import dev.bulwark.api.FallbackOptions;
import dev.bulwark.api.Guard;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.api.PartitionedGuard;
import dev.bulwark.api.RateLimitOptions;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RetryOptions;
import dev.bulwark.api.SharedStore;
import dev.bulwark.api.UniGuard;
import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.async.AsyncTypes;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.partition.Partitions;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.shared.SharedName;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.function.Consumer;

/**
 * The programmatic door into the engine: collects options and builds the same {@link OperationSpec} the CDI
 * extension builds from annotations. Options are validated when the spec is built, so a bad value fails in
 * {@code build()} with a message naming it.
 *
 * @param <T> the result type of the guarded actions
 */
public final class GuardSpecBuilder<T> implements GuardBuilder<T> {

    private static final AtomicInteger ANONYMOUS = new AtomicInteger();

    private final Engine engine;
    private String name;
    private RetrySettings retry;
    private CircuitBreakerSettings circuitBreaker;
    private BulkheadSettings bulkhead;
    private AdaptiveBulkheadSettings adaptiveBulkhead;
    private RateLimitSettings rateLimit;
    private Duration timeout;
    private FallbackFunction<T> fallback;
    private FallbackSettings fallbackSettings;
    private Executor executor;
    private SharedStore sharedStore;

    /** A builder on {@code engine}; {@link #on(Engine)} is the public door, the provider uses the shared engine. */
    GuardSpecBuilder(Engine engine) {
        this.engine = notNull(engine, "engine");
    }

    /**
     * A builder whose guards run on {@code engine} (its executor, clock, timers and breaker registry) instead of the
     * JVM's shared one: for an application that runs its own engine, and for bulwark-testing's virtual time. The
     * guards keep the engine, which stays the caller's to close.
     *
     * @throws IllegalArgumentException if {@code engine} is null
     */
    public static <T> GuardBuilder<T> on(Engine engine) {
        return new GuardSpecBuilder<>(engine);
    }

    @Override
    public GuardBuilder<T> name(String name) {
        this.name = notNull(name, "name");
        return this;
    }

    @Override
    public GuardBuilder<T> withRetry(Consumer<RetryOptions> options) {
        retry = configure(retry == null ? new RetrySettings() : retry, options);
        return this;
    }

    @Override
    public GuardBuilder<T> withCircuitBreaker(Consumer<CircuitBreakerOptions> options) {
        circuitBreaker = configure(circuitBreaker == null ? new CircuitBreakerSettings() : circuitBreaker, options);
        return this;
    }

    @Override
    public GuardBuilder<T> withBulkhead(Consumer<BulkheadOptions> options) {
        bulkhead = configure(bulkhead == null ? new BulkheadSettings() : bulkhead, options);
        return this;
    }

    @Override
    public GuardBuilder<T> withAdaptiveBulkhead(Consumer<AdaptiveBulkheadOptions> options) {
        adaptiveBulkhead = configure(adaptiveBulkhead == null ? new AdaptiveBulkheadSettings() : adaptiveBulkhead,
                options);
        return this;
    }

    @Override
    public GuardBuilder<T> withRateLimit(Consumer<RateLimitOptions> options) {
        rateLimit = configure(rateLimit == null ? new RateLimitSettings() : rateLimit, options);
        return this;
    }

    /**
     * A stand-alone limiter on {@code engine}'s clock, waiting with its sleeper, for weighted calls: what
     * {@code RateLimiters.create} gives on the shared engine. There is no guard store, so {@code shared(name)} without
     * a store fails.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public static RateLimiterHandle rateLimiter(Engine engine, Consumer<RateLimitOptions> options) {
        RateLimitSettings settings = configure(new RateLimitSettings(), options);
        RateLimiter limiter = RateLimiter.of(settings.toSpec(), engine.clock());
        SharedName shared = settings.shared.resolve(null, "rateLimit");
        if (shared != null) {
            limiter = shared.store().rateLimiter(shared.name(), limiter.spec(), limiter);
        }
        return new StandaloneRateLimiter(limiter, engine.clock(), engine.sleeper());
    }

    @Override
    public GuardBuilder<T> withTimeout(Duration timeout) {
        notNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    @Override
    public GuardBuilder<T> withFallback(FallbackFunction<T> fallback) {
        return withFallback(fallback, options -> { });
    }

    @Override
    public GuardBuilder<T> withFallback(FallbackFunction<T> fallback, Consumer<FallbackOptions> options) {
        this.fallback = notNull(fallback, "fallback");
        this.fallbackSettings = configure(new FallbackSettings(), options);
        return this;
    }

    @Override
    public GuardBuilder<T> withExecutor(Executor executor) {
        this.executor = notNull(executor, "executor");
        return this;
    }

    @Override
    public GuardBuilder<T> withSharedStore(SharedStore store) {
        this.sharedStore = notNull(store, "store");
        return this;
    }

    @Override
    public Guard<T> build() {
        noExecutor("build()", "a synchronous guard runs each attempt on the calling thread");
        return new SyncGuard<>(engine.operation(spec(false, true).build()));
    }

    @Override
    public PartitionedGuard<T> buildPartitioned(int maxPartitions) {
        noExecutor("buildPartitioned()", "a partitioned guard runs each attempt on the calling thread");
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("maxPartitions must be >= 1, was " + maxPartitions);
        }
        if (rateLimit == null && circuitBreaker == null && bulkhead == null && adaptiveBulkhead == null) {
            throw new IllegalArgumentException("buildPartitioned(): nothing to partition; add withRateLimit,"
                    + " withCircuitBreaker or withBulkhead");
        }
        OperationSpec base = spec(false, true).build();
        // Each key's own state, shared through the store (if any) under <name>:<key id>; no partition takes the
        // breaker's name in the JVM-wide directory.
        java.util.function.Function<String, OperationSpec> specFor = id -> {
            OperationSpec.Builder b = spec(base.name(), false, true);
            if (base.circuitBreaker() != null) {
                b.circuitBreaker(base.circuitBreaker().toBuilder().name(null).build());
            }
            String suffix = ":" + (id == null ? "~overflow" : id);
            if (base.sharedRateLimit() != null) {
                b.sharedRateLimit(new SharedName(base.sharedRateLimit().store(), base.sharedRateLimit().name() + suffix));
            }
            if (base.sharedCircuitBreaker() != null) {
                b.sharedCircuitBreaker(new SharedName(base.sharedCircuitBreaker().store(),
                        base.sharedCircuitBreaker().name() + suffix));
            }
            return b.build();
        };
        return new PartitionedSyncGuard<>(new Partitions(base.name(), engine, maxPartitions, specFor));
    }

    @Override
    public AsyncGuard<T> buildAsync() {
        Engine runOn = executor == null ? engine
                : Engine.builder().clock(engine.clock()).scheduler(engine.scheduler()).sleeper(engine.sleeper())
                        .watchdog(engine.watchdog()).metrics(engine.metrics())
                        .circuitBreakers(engine.circuitBreakers()).executor(executor).build();
        return new AsyncGuardImpl<>(runOn.operation(spec(true, true).build()));
    }

    @Override
    public UniGuard<T> buildUni() {
        noExecutor("buildUni()", "a Uni guard runs each attempt where the Uni is subscribed to");
        AsyncType<Object> uni = AsyncTypes.uni();
        OperationSpec.Builder spec = spec(true, false);
        if (fallback != null) {
            // The fallback's value, or a Uni or stage it returns, becomes the call's outcome.
            FallbackSpec plain = fallbackSettings.toSpec(fallback);
            spec.fallback(new FallbackSpec((context, failure) -> uni.toStage(plain.function().apply(context, failure)),
                    plain.applyOn()));
        }
        return new UniGuardImpl<>(engine.operation(spec.build()));
    }

    private OperationSpec.Builder spec(boolean asynchronous, boolean offload) {
        return spec(name != null ? name : "guard-" + ANONYMOUS.incrementAndGet(), asynchronous, offload);
    }

    private OperationSpec.Builder spec(String operationName, boolean asynchronous, boolean offload) {
        if (bulkhead != null && adaptiveBulkhead != null) {
            throw new IllegalArgumentException("withBulkhead and withAdaptiveBulkhead exclude each other (both limit the"
                    + " calls running at once, at the same place in the chain); keep one");
        }
        return OperationSpec.builder(operationName)
                .stages(adaptiveBulkhead == null ? List.of() : List.of(adaptiveBulkhead.toSpec()))
                .retry(retry == null ? null : retry.toSpec(engine.clock()))
                .circuitBreaker(circuitBreaker == null ? null : circuitBreaker.toSpec())
                .bulkhead(bulkhead == null ? null : bulkhead.toSpec())
                .rateLimit(rateLimit == null ? null : rateLimit.toSpec())
                .sharedRateLimit(rateLimit == null ? null : rateLimit.shared.resolve(sharedStore, "rateLimit"))
                .sharedCircuitBreaker(circuitBreaker == null ? null
                        : circuitBreaker.shared.resolve(sharedStore, "circuitBreaker"))
                .timeout(timeout == null ? null : new TimeoutSpec(timeout.toNanos()))
                .fallback(fallback == null ? null : fallbackSettings.toSpec(fallback))
                .asynchronous(asynchronous)
                .offload(offload);
    }

    /** withExecutor is for buildAsync only: a guard that would not use it says so instead of ignoring it. */
    private void noExecutor(String method, String why) {
        if (executor != null) {
            throw new IllegalStateException("withExecutor applies only to buildAsync(), not to " + method + ": " + why
                    + "; remove withExecutor or use buildAsync()");
        }
    }

    private static <S> S configure(S settings, Consumer<? super S> options) {
        notNull(options, "options").accept(settings);
        return settings;
    }
}

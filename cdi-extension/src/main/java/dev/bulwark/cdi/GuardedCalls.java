package dev.bulwark.cdi;

import dev.bulwark.cdi.context.CallerContext;
import dev.bulwark.cdi.context.ContextCapture;
import dev.bulwark.cdi.definition.Execution;
import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.async.AsyncTypes;
import dev.bulwark.cdi.definition.MethodDefinition;
import dev.bulwark.cdi.fallback.Fallbacks;
import dev.bulwark.cdi.retry.Retries;
import dev.bulwark.cdi.retry.RetryBudgets;
import dev.bulwark.cdi.shared.SharedStores;
import dev.bulwark.api.SharedStore;
import dev.bulwark.impl.shared.SharedName;
import dev.bulwark.impl.shared.SharedState;
import dev.bulwark.cdi.metrics.MetricsSetup;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.fallback.ContextualFallback;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.partition.Partitions;
import dev.bulwark.impl.retry.RetrySpec;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The operations of one deployment: one {@link GuardedCall} per bean class and guarded method, built once on the
 * engine that owns their executor and scheduler. Circuit breaker, bulkhead and rate-limit state is therefore
 * shared by every instance of a bean class, whatever its scope.
 */
final class GuardedCalls {

    private final Engine engine;
    private final Map<Class<?>, Map<Method, GuardedCall>> calls;
    private final SharedState store;
    // The partitioned breakers, by the name maintenance knows them under.
    private final Map<String, Partitions> partitioned;

    private GuardedCalls(Engine engine, Map<Class<?>, Map<Method, GuardedCall>> calls, SharedState store,
            Map<String, Partitions> partitioned) {
        this.engine = engine;
        this.calls = calls;
        this.store = store;
        this.partitioned = partitioned;
    }

    /** The partitioned breakers, by name, for the health check. */
    Map<String, Partitions> partitionedBreakers() {
        return partitioned;
    }

    /**
     * @param beans the container's beans, for the optional executor and metrics registries and handler beans
     * @param requestContexts activators of a request context for asynchronous attempts
     * @param callerContext what asynchronous calls carry from their caller
     */
    static GuardedCalls build(GuardedBeans guarded, Instance<Object> beans,
            Instance<RequestContextActivator> requestContexts, ContextCapture callerContext) {
        var definitions = guarded.definitions();
        // The deployment's own directory of breakers: a second container in the JVM never sees (or replaces) them.
        Engine.Builder builder = Engine.builder().metrics(MetricsSetup.choose(guarded.settings().metricsEnabled(), beans))
                .circuitBreakers(CircuitBreakerRegistry.forDeployment());
        AsyncThreads.of(guarded.settings()).apply(builder, beans);
        Engine engine = builder.build();
        SharedState store = definitions.stream().filter(d -> d.shared() != null).findFirst()
                .map(d -> SharedStores.open(guarded.settings().sharedStore(), d.where())).orElse(null);
        Map<Class<?>, Map<Method, GuardedCall>> calls = new HashMap<>();
        RetryBudgets budgets = new RetryBudgets(engine.clock());
        Map<String, Partitions> partitioned = new HashMap<>();
        for (MethodDefinition d : definitions) {
            SharedName shared = d.shared() == null ? null : new SharedName(store, d.shared());
            AsyncType<?> type = d.asynchronous() ? AsyncTypes.of(d.method().getReturnType()) : null;
            ContextualFallback fallback = d.fallback() == null ? null
                    : Fallbacks.of(d.fallback(), beans, guarded::notABean);
            if (fallback != null && type != null) {
                // The fallback's stage, Future, Uni (or, for a Uni, plain value) is followed like an attempt's.
                ContextualFallback plain = fallback;
                fallback = (context, failure) -> CallerContext.of(context)
                        .call(() -> type.toStage(plain.apply(context, failure)));
            }
            RetrySpec retry = d.retry() == null ? null : Retries.of(d.retry(), beans, d.where())
                    .withBudget(d.retry().budget() == null ? null : budgets.of(d.retry().budget(), d.where()));
            FallbackSpec fallbackSpec = fallback == null ? null : new FallbackSpec(fallback, d.fallback().applyOn());
            Function<SharedName, OperationSpec> spec = sharedAs -> OperationSpec.builder(d.name())
                    .retry(retry)
                    .circuitBreaker(d.partition() == null || d.circuitBreaker() == null ? d.circuitBreaker()
                            : d.circuitBreaker().toBuilder().name(null).build()) // partitions are not in the directory
                    .rateLimit(d.rateLimit())
                    .sharedRateLimit(sharedAs)
                    .sharedCircuitBreaker(sharedAs)
                    .timeout(d.timeout())
                    .bulkhead(d.bulkhead())
                    .stages(d.stages())
                    .fallback(fallbackSpec)
                    .asynchronous(d.asynchronous())
                    .offload(d.execution() == Execution.OFFLOADED)
                    .build();
            ContextCapture capture = type != null ? callerContext : ContextCapture.NONE;
            GuardedCall call;
            if (d.partition() == null) {
                call = new GuardedCall(engine.operation(spec.apply(shared)), type, requestContexts, capture);
            } else {
                // Each key's shared state under <name>:<key id>, which no key can forge (PartitionKeys).
                Partitions partitions = new Partitions(d.name(), engine, d.partition().max(), id -> spec.apply(
                        shared == null ? null : new SharedName(store, shared.name() + ":" + (id == null
                                ? "~overflow" : id))), d.partition().metricsTag());
                call = new GuardedCall(null, type, requestContexts, capture, partitions,
                        PartitionKeyOf.of(d.partition(), beans));
                String breakerName = d.circuitBreaker() == null ? null
                        : d.circuitBreaker().name() != null ? d.circuitBreaker().name() : d.name();
                if (breakerName != null) {
                    partitioned.put(breakerName, partitions);
                }
            }
            calls.computeIfAbsent(d.beanClass(), c -> new HashMap<>()).put(d.method(), call);
        }
        calls.replaceAll((beanClass, table) -> Map.copyOf(table));
        return new GuardedCalls(engine, Map.copyOf(calls), store, Map.copyOf(partitioned));
    }

    /** This deployment's breakers, for operators. */
    CircuitBreakerMaintenance breakers() {
        CircuitBreakerRegistry registry = engine.circuitBreakers();
        return new PartitionedBreakers(CircuitBreakerMaintenance.over(registry::get, registry::names), partitioned);
    }

    /** The store {@code @Shared} methods share state through, if any does. */
    java.util.Optional<SharedStore> sharedStore() {
        return java.util.Optional.ofNullable(store);
    }

    /** The guarded calls of {@code beanClass}, keyed by method; empty for a class without any. */
    Map<Method, GuardedCall> of(Class<?> beanClass) {
        return calls.getOrDefault(beanClass, Map.of());
    }

    /** Releases every operation (named breakers leave the registry) and stops the engine's threads. */
    void close() {
        calls.values().forEach(table -> table.values().forEach(call -> {
            if (call.partitions() != null) {
                call.partitions().release();
            } else {
                call.operation().release();
            }
        }));
        engine.close();
        if (store != null) {
            store.close();
        }
    }
}

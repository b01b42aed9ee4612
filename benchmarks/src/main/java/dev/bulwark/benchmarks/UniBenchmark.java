package dev.bulwark.benchmarks;

import dev.bulwark.api.Guard;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.api.UniGuard;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A guarded Mutiny {@code Uni} call with {@code @Retry @CircuitBreaker @Bulkhead} (and the same with a timeout that
 * never fires), subscribed to and its item taken, side by side in one run: Bulwark's {@code UniGuard}, Bulwark's own
 * non-blocking {@code CompletionStage} path through the same engine (what the Uni adapter adds), and SmallRye Fault
 * Tolerance's {@code TypedGuard<Uni<String>>} (with its Mutiny module), beside the unguarded Uni and stage (what the
 * types cost by themselves; {@code stack} does not apply to them). The downstream's Uni has its item at once, so
 * every call completes on the benchmark thread, as a cached answer would on an event loop; the Unis are subscribed to
 * with a plain subscriber, as quarkus-rest does, not awaited.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UniBenchmark {

    @Param({"bulwark_uni", "bulwark_stage", "smallrye_uni", "unguarded_uni", "unguarded_stage"})
    public String path;

    @Param({"combined", "combined_timeout"})
    public String stack;

    private Supplier<Object> call;
    private volatile String value = "ok";

    @Setup
    public void setUp() {
        boolean timeout = stack.equals("combined_timeout");
        Supplier<Uni<String>> downstream = () -> Uni.createFrom().item(value);
        switch (path) {
            case "bulwark_uni": {
                GuardBuilder<String> builder = Guard.<String>builder()
                        .withRetry(r -> r.maxRetries(Settings.MAX_RETRIES))
                        .withCircuitBreaker(cb -> cb.requestVolumeThreshold(Settings.BREAKER_WINDOW)
                                .failureRatio(Settings.BREAKER_FAILURE_RATIO).delay(Settings.BREAKER_DELAY))
                        .withBulkhead(b -> b.limit(Settings.BULKHEAD_LIMIT));
                if (timeout) {
                    builder.withTimeout(Settings.TIMEOUT);
                }
                UniGuard<String> guard = builder.buildUni();
                call = () -> take(guard.call(downstream));
                break;
            }
            case "bulwark_stage": {
                OperationSpec.Builder spec = OperationSpec.builder("stage").asynchronous(true).offload(false)
                        .retry(RetrySpec.of(Settings.MAX_RETRIES, 0, 0, 0, ExceptionMatcher.allExceptions()))
                        .circuitBreaker(CircuitBreakerSpec.of(Settings.BREAKER_WINDOW, Settings.BREAKER_FAILURE_RATIO,
                                Settings.BREAKER_DELAY.toNanos(), 1, ExceptionMatcher.all()))
                        .bulkhead(new BulkheadSpec(Settings.BULKHEAD_LIMIT, Settings.BULKHEAD_LIMIT));
                if (timeout) {
                    spec.timeout(new TimeoutSpec(Settings.TIMEOUT.toNanos()));
                }
                Operation op = Engine.shared().operation(spec.build());
                call = () -> op.callAsync(() -> CompletableFuture.completedFuture(value), null).join();
                break;
            }
            case "smallrye_uni": {
                TypedGuard.Builder<Uni<String>> builder = TypedGuard.create(new TypeLiteral<Uni<String>>() { });
                builder.withRetry().maxRetries(Settings.MAX_RETRIES).done()
                        .withCircuitBreaker().requestVolumeThreshold(Settings.BREAKER_WINDOW)
                        .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                        .delay(Settings.BREAKER_DELAY.toMillis(), ChronoUnit.MILLIS).done()
                        .withBulkhead().limit(Settings.BULKHEAD_LIMIT).done();
                if (timeout) {
                    builder.withTimeout().duration(Settings.TIMEOUT.toMillis(), ChronoUnit.MILLIS).done();
                }
                TypedGuard<Uni<String>> guard = builder.build();
                call = () -> take(guard.get(downstream));
                break;
            }
            case "unguarded_uni":
                call = () -> take(downstream.get());
                break;
            case "unguarded_stage":
                call = () -> CompletableFuture.completedFuture(value).join();
                break;
            default:
                throw new IllegalArgumentException(path);
        }
        if (!"ok".equals(call.get())) {
            throw new IllegalStateException(path + " did not return the downstream's item");
        }
    }

    @Benchmark
    public Object call() {
        return call.get();
    }

    /**
     * Subscribes as a quarkus-rest endpoint does (a subscriber, no blocking await) and takes the item, which comes
     * on this thread: every row pays the same for it.
     */
    private static Object take(Uni<String> uni) {
        Sink sink = uni.subscribe().withSubscriber(new Sink());
        if (sink.failure != null) {
            throw new IllegalStateException(sink.failure);
        }
        return sink.item;
    }

    private static final class Sink implements UniSubscriber<String> {
        Object item;
        Throwable failure;

        @Override
        public void onSubscribe(UniSubscription subscription) {
        }

        @Override
        public void onItem(String value) {
            item = value;
        }

        @Override
        public void onFailure(Throwable t) {
            failure = t;
        }
    }
}

package dev.bulwark.benchmarks;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.bulwark.impl.adaptive.AdaptiveBulkheadSpec;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The adaptive bulkhead's cost per successful call, beside Bulwark's fixed bulkhead and Netflix's SimpleLimiter over
 * its Gradient2 limit, in one run (the ratios: at most 2x the fixed bulkhead, below SimpleLimiter).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AdaptiveBulkheadBenchmark {

    private Operation fixed;
    private Operation adaptive;
    private Limiter<Void> netflix;
    private volatile String value = "ok";
    private final Callable<String> action = () -> value;

    @Setup
    public void setUp() {
        Engine engine = Engine.builder().build();
        fixed = engine.operation(OperationSpec.builder("fixed").bulkhead(new BulkheadSpec(Settings.BULKHEAD_LIMIT, 1))
                .build());
        adaptive = engine.operation(OperationSpec.builder("adaptive").stage(AdaptiveBulkheadSpec.defaults()).build());
        netflix = SimpleLimiter.newBuilder().limit(Gradient2Limit.newBuilder().initialLimit(20).maxConcurrency(200)
                .build()).build();
    }

    @Benchmark
    public Object bulwarkFixed() throws Exception {
        return fixed.call(action, null);
    }

    @Benchmark
    public Object bulwarkAdaptive() throws Exception {
        return adaptive.call(action, null);
    }

    @Benchmark
    public Object netflixSimpleLimiter() {
        Optional<Limiter.Listener> listener = netflix.acquire(null);
        if (listener.isEmpty()) {
            throw new IllegalStateException("limit reached");
        }
        try {
            return value;
        } finally {
            listener.get().onSuccess();
        }
    }
}

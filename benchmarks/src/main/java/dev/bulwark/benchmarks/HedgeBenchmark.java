package dev.bulwark.benchmarks;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.hedge.HedgeSpec;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What hedging costs a call that needs no hedge: a non-blocking call whose stage is complete at once, through the
 * asynchronous driver, with and without {@code @Hedge(delay = 50 ms)}. The race's bookkeeping is the difference; no
 * timer is armed for an attempt that is already over.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HedgeBenchmark {

    private Engine engine;
    private Operation plain;
    private Operation hedged;
    private final CompletableFuture<Object> answer = CompletableFuture.completedFuture("ok");
    private final Callable<CompletionStage<Object>> action = () -> answer;

    @Setup
    public void setUp() {
        engine = Engine.builder().build();
        plain = engine.operation(OperationSpec.builder("plain").asynchronous(true).offload(false).build());
        hedged = engine.operation(OperationSpec.builder("hedged").asynchronous(true).offload(false)
                .stage(new HedgeSpec(TimeUnit.MILLISECONDS.toNanos(50), 2, 0)).build());
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Object stage() {
        return plain.callAsync(action, null).join();
    }

    @Benchmark
    public Object stageHedged() {
        return hedged.callAsync(action, null).join();
    }
}

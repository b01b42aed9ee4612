package dev.bulwark.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One guard per library and scenario, shared by all benchmark threads ({@link Scope#Benchmark}), around the
 * trivial {@link Workload}. JMH runs every library/scenario pair in its own fork, so each JVM sees exactly one
 * library and its call sites stay monomorphic, as in an application that uses one.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProgrammaticBenchmark {

    @Param({"bulwark", "smallrye", "resilience4j", "failsafe"})
    public String library;

    @Param
    public Scenario scenario;

    private Contender contender;
    private Supplier<String> guarded;

    @Setup
    public void setUp() {
        contender = Contender.named(library);
        guarded = contender.guard(scenario, new Workload());
    }

    @TearDown
    public void tearDown() {
        contender.close();
    }

    /** Per-call cost; with {@code -prof gc} also the bytes allocated per call. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String overhead() {
        return guarded.get();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public String throughput1() {
        return guarded.get();
    }

    /** Two threads through the same guard: how much its shared state (counters, windows) costs under contention. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public String throughput2() {
        return guarded.get();
    }
}

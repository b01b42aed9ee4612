package dev.bulwark.benchmarks.cdi;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.weld.environment.se.WeldContainer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The annotation path: the same {@code @ApplicationScoped} bean method called through its Weld SE client proxy,
 * under Bulwark or SmallRye Fault Tolerance. Only one of the two may be on a JVM's classpath, so run.sh runs this
 * benchmark twice, {@code -p implementation=bulwark} and {@code -p implementation=smallrye}, each with its own
 * classpath.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class CdiBenchmark {

    @Param({"bulwark", "smallrye"})
    public String implementation;

    @Param
    public CdiBean bean;

    private WeldContainer container;
    private Supplier<String> service;

    @Setup
    public void setUp() {
        container = Containers.start(implementation);
        service = container.select(bean.type()).get();
    }

    @TearDown
    public void tearDown() {
        container.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String overhead() {
        return service.get();
    }
}

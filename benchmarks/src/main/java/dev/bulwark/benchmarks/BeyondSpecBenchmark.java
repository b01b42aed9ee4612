package dev.bulwark.benchmarks;

import dev.bulwark.api.Guard;
import dev.bulwark.api.RetryBudgets;
import java.time.Duration;
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
 * Bulwark's strategies beyond the specification beside the plain ones they extend, in one run: a retry with and
 * without a retry budget, and a breaker over a count window, a time window, and a count window judging slow calls.
 * Successful calls, one guard shared by all threads, as {@link ProgrammaticBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BeyondSpecBenchmark {

    @Param({"retry", "retry_budget", "count_window", "time_window", "slow_calls"})
    public String strategy;

    private Supplier<String> guarded;
    private volatile String value = "ok";

    @Setup
    public void setUp() {
        Guard<String> guard;
        switch (strategy) {
            case "retry":
                guard = Guard.<String>builder().withRetry(r -> r.maxRetries(Settings.MAX_RETRIES)).build();
                break;
            case "retry_budget":
                guard = Guard.<String>builder().withRetry(r -> r.maxRetries(Settings.MAX_RETRIES)
                        .budget(RetryBudgets.create(0.2, 10, Duration.ofSeconds(10)))).build();
                break;
            case "count_window":
                guard = Guard.<String>builder().withCircuitBreaker(cb -> cb.requestVolumeThreshold(
                        Settings.BREAKER_WINDOW).failureRatio(Settings.BREAKER_FAILURE_RATIO)).build();
                break;
            case "time_window":
                guard = Guard.<String>builder().withCircuitBreaker(cb -> cb.requestVolumeThreshold(
                        Settings.BREAKER_WINDOW).failureRatio(Settings.BREAKER_FAILURE_RATIO)
                        .slidingTimeWindow(Duration.ofSeconds(10), 10)).build();
                break;
            case "slow_calls":
                guard = Guard.<String>builder().withCircuitBreaker(cb -> cb.requestVolumeThreshold(
                        Settings.BREAKER_WINDOW).failureRatio(Settings.BREAKER_FAILURE_RATIO)
                        .slowCall(Duration.ofSeconds(1), 1.0)).build();
                break;
            default:
                throw new IllegalArgumentException(strategy);
        }
        Supplier<String> action = () -> value;
        guarded = () -> guard.get(action);
    }

    @Benchmark
    public String call() {
        return guarded.get();
    }
}

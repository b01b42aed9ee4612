package dev.bulwark.benchmarks;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.partition.Partitions;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A rate limit per key with 10,000 live String keys (uniform, or skewed: 80% of calls to 1% of the keys), against
 * the recipes users write today: Resilience4j's {@code RateLimiterRegistry.rateLimiter(key)} and a
 * {@code ConcurrentHashMap} of Bucket4j local buckets; and Bulwark's unpartitioned limiter as the floor. The limit
 * never refuses: what is measured is finding the key's state and taking a permit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PartitionedRateLimitBenchmark {

    private static final int KEYS = 10_000;
    private static final int SEQUENCE = 1 << 16;
    private static final Invoker ACTION = target -> target;

    @Param({"uniform", "skewed"})
    public String mix;

    private String[] sequence;
    private int next;
    private Operation unpartitioned;
    private Partitions partitions;
    private RateLimiterRegistry resilience4j;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Setup
    public void setUp() {
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "tenant-" + i;
        }
        Random random = new Random(1);
        sequence = new String[SEQUENCE];
        for (int i = 0; i < SEQUENCE; i++) {
            boolean hot = mix.equals("skewed") && random.nextDouble() < 0.8;
            sequence[i] = keys[hot ? random.nextInt(KEYS / 100) : random.nextInt(KEYS)];
        }
        Engine engine = Engine.builder().build();
        RateLimitSpec limit = RateLimitSpec.of(RateLimitType.FIXED, Settings.RATE_LIMIT,
                Settings.RATE_WINDOW.toNanos());
        unpartitioned = engine.operation(OperationSpec.builder("unpartitioned").rateLimit(limit).build());
        partitions = new Partitions("partitioned", engine, KEYS + 1,
                id -> OperationSpec.builder("partitioned").rateLimit(limit).build());
        resilience4j = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(Settings.RATE_LIMIT)
                .limitRefreshPeriod(Settings.RATE_WINDOW).timeoutDuration(Duration.ZERO).build());
        for (String key : keys) {
            try {
                partitions.call(key, ACTION, key, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            resilience4j.rateLimiter(key).acquirePermission();
            bucket(key).tryConsume(1);
        }
    }

    private Bucket bucket(String key) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(Settings.RATE_LIMIT).refillGreedy(Settings.RATE_LIMIT, Settings.RATE_WINDOW).build())
                .build());
    }

    private String key() {
        int i = next;
        next = (i + 1) & (SEQUENCE - 1);
        return sequence[i];
    }

    @Benchmark
    public Object bulwarkUnpartitioned() throws Exception {
        return unpartitioned.call(ACTION, key(), null);
    }

    @Benchmark
    public Object bulwarkPartitioned() throws Exception {
        String key = key();
        return partitions.call(key, ACTION, key, null);
    }

    @Benchmark
    public Object resilience4jRegistry() {
        String key = key();
        if (!resilience4j.rateLimiter(key).acquirePermission()) {
            throw new IllegalStateException("refused");
        }
        return key;
    }

    @Benchmark
    public Object bucket4jMap() {
        String key = key();
        if (!bucket(key).tryConsume(1)) {
            throw new IllegalStateException("refused");
        }
        return key;
    }
}

package dev.bulwark.benchmarks.redis;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import dev.bulwark.redis.RedisCluster;
import dev.bulwark.redis.RedisServer;
import dev.bulwark.redis.RedisStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A limit shared through a local redis-server: Bulwark's one-script-per-permit against Bucket4j's Lettuce backend
 * (compare-and-swap, retried on contention), with the same token bucket: {@value #PERMITS} per second, so that
 * every request is granted and each measures a full decision. Threads with JMH's {@code -t}; one hot key or
 * {@value #SPREAD} keys picked at random. {@code topology=cluster} runs Bulwark against a Redis Cluster of 3 masters
 * on loopback ports instead ({@code bulwark.redis.cluster=true}; Bucket4j's rows are the standalone server's only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SharedRateLimitBenchmark {

    static final int PERMITS = 1_000_000_000;
    static final int SPREAD = 1_000;

    @Param({"bulwark", "bucket4j"})
    public String library;

    @Param({"1", "1000"})
    public int keys;

    @Param({"standalone"})
    public String topology;

    private RedisServer redis;
    private RedisCluster cluster;
    private Path clusterDir;
    private RedisStore store;
    private RedisClient client;
    private RateLimiterHandle[] bulwark;
    private BucketProxy[] bucket4j;

    @Setup(Level.Trial)
    public void start() throws Exception {
        String prefix = "bench-" + System.nanoTime() + "-";
        if (topology.equals("cluster")) {
            if (!library.equals("bulwark")) {
                throw new IllegalArgumentException("topology=cluster measures Bulwark only");
            }
            clusterDir = Files.createTempDirectory("bench-cluster");
            cluster = RedisCluster.start(clusterDir, 3);
            store = RedisStore.builder(cluster.url(0) + "," + cluster.url(1)).cluster(true)
                    .commandTimeout(Duration.ofSeconds(1)).build();
        } else {
            redis = RedisServer.start();
            if (library.equals("bulwark")) {
                store = RedisStore.builder(redis.url()).commandTimeout(Duration.ofSeconds(1)).build();
            }
        }
        if (library.equals("bulwark")) {
            bulwark = new RateLimiterHandle[keys];
            for (int i = 0; i < keys; i++) {
                String name = prefix + i;
                bulwark[i] = RateLimiters.create(r -> r.limit(PERMITS, Duration.ofSeconds(1))
                        .type(RateLimitType.SMOOTH).shared(store, name));
            }
        } else {
            client = RedisClient.create(redis.url());
            ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(client).build();
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(PERMITS).refillGreedy(PERMITS, Duration.ofSeconds(1)))
                    .build();
            bucket4j = new BucketProxy[keys];
            for (int i = 0; i < keys; i++) {
                bucket4j[i] = proxies.builder().build((prefix + i).getBytes(StandardCharsets.UTF_8),
                        () -> configuration);
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (store != null) {
            store.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
        if (cluster != null) {
            cluster.close();
            try (Stream<Path> files = Files.walk(clusterDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int key() {
        return keys == 1 ? 0 : ThreadLocalRandom.current().nextInt(keys);
    }

    @Benchmark
    public boolean acquire() {
        int k = key();
        return bulwark != null ? bulwark[k].tryAcquire(1) : bucket4j[k].tryConsume(1);
    }
}

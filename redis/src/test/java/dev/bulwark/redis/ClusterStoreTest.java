package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import dev.bulwark.impl.shared.SharedState;
import dev.bulwark.impl.shared.SharedStoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis Cluster of 3 masters ({@code redis-cli --cluster create}): every script's keys in one slot (hash tags), so
 * limits are exact for names that land on different nodes, and a name's own braces cannot move its slot.
 */
class ClusterStoreTest {

    @TempDir
    static Path dir;
    static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(dir, 3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static String seeds() {
        return cluster.url(0) + "," + cluster.url(1);
    }

    @Test
    void shouldShareLimitsExactlyAcrossNamesOnEveryNode() {
        // One through the builder, one as the CDI door opens it (bulwark.redis.cluster=true).
        try (RedisStore one = RedisStore.builder(seeds()).cluster(true).build();
                SharedState two = new RedisStoreFactory().open(SharedStoreOptions.builder(cluster.url(2))
                        .cluster(true).build())) {
            assertTrue(one.available() && two.available());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                names.add("cluster-" + i + "-" + UUID.randomUUID());
            }
            names.add("braces-{tag}-" + UUID.randomUUID());
            names.add("{" + UUID.randomUUID() + "}");
            for (RateLimitType type : RateLimitType.values()) {
                for (String name : names) {
                    RateLimiterHandle a = RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(30)).type(type)
                            .shared(one, type + name));
                    RateLimiterHandle b = RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(30)).type(type)
                            .shared(two, type + name));
                    int granted = 0;
                    for (int i = 0; i < 10; i++) {
                        granted += (i % 2 == 0 ? a : b).tryAcquire(1) ? 1 : 0;
                    }
                    assertEquals(5, granted, type + " " + name + ": 5 for both replicas together");
                }
            }
            assertTrue(one.available() && two.available(), "no script crossed slots (CROSSSLOT) or failed");
            int nodesWithKeys = 0;
            for (int node = 0; node < cluster.size(); node++) {
                String size = cluster.cli(node, "dbsize").trim();
                nodesWithKeys += Long.parseLong(size) > 0 ? 1 : 0;
            }
            assertEquals(3, nodesWithKeys, "the names' keys spread over the 3 masters");
        }
    }

    @Test
    void shouldOpenABreakerOnEveryReplicaAcrossNodes() {
        try (RedisStore one = RedisStore.builder(seeds()).cluster(true).build();
                RedisStore two = RedisStore.builder(cluster.url(2)).cluster(true).build()) {
            String shared = "cluster-breaker-" + UUID.randomUUID();
            String localA = "a-" + UUID.randomUUID();
            String localB = "b-" + UUID.randomUUID();
            Guard<String> a = Guard.<String>builder().withCircuitBreaker(cb -> cb.name(localA).consecutiveFailures(1)
                    .delay(Duration.ofSeconds(30)).shared(one, shared)).build();
            Guard.<String>builder().withCircuitBreaker(cb -> cb.name(localB).consecutiveFailures(1)
                    .delay(Duration.ofSeconds(30)).shared(two, shared)).build();
            try {
                a.call(() -> {
                    throw new IllegalStateException("down");
                });
            } catch (Exception expected) {
                // the failure that opens it
            }
            assertEquals(CircuitState.OPEN, CircuitBreakerMaintenance.get().breaker(localA).state());
            SharedRedisWait.until(() -> CircuitBreakerMaintenance.get().breaker(localB).state() == CircuitState.OPEN,
                    5_000, "the other replica's breaker opens through the cluster's pub/sub");
        }
    }
}

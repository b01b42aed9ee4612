package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentinel ({@code redis-sentinel://...#master}): a master, a replica and 3 sentinels (quorum 2). The master killed
 * under load: no call fails with a store error (calls decide locally meanwhile), and once the replica is promoted the
 * limit is shared again, without restarting anything.
 */
class SentinelFailoverTest {

    private static final String MASTER = "bulwark-master";

    @TempDir
    Path dir;

    @Test
    void shouldDecideLocallyDuringAFailoverAndShareAgainAfterThePromotion() throws Exception {
        List<RedisProcess> processes = new ArrayList<>();
        try {
            int masterPort = RedisServer.freePort();
            RedisProcess master = RedisProcess.start(dir, masterPort, "--port", Integer.toString(masterPort),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
            processes.add(master);
            int replicaPort = RedisServer.freePort();
            processes.add(RedisProcess.start(dir, replicaPort, "--port", Integer.toString(replicaPort), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1",
                    Integer.toString(masterPort)));
            List<Integer> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int port = RedisServer.freePort();
                Path conf = dir.resolve("sentinel-" + port + ".conf");
                Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\n"
                        + "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 2\n"
                        + "sentinel down-after-milliseconds " + MASTER + " 400\n"
                        + "sentinel failover-timeout " + MASTER + " 2000\n"
                        + "sentinel parallel-syncs " + MASTER + " 1\n");
                processes.add(RedisProcess.start(dir, port, conf.toString(), "--sentinel"));
                sentinels.add(port);
            }
            for (int port : sentinels) {
                SharedRedisWait.until(() -> {
                    String state = RedisProcess.cli("-p", Integer.toString(port), "sentinel", "master", MASTER);
                    return state.contains("num-other-sentinels\n2\n") && state.contains("num-slaves\n1\n");
                }, 15_000, "sentinel " + port + " knows the other sentinels and the replica");
            }
            StringBuilder url = new StringBuilder("redis-sentinel://");
            for (int port : sentinels) {
                url.append(url.length() > "redis-sentinel://".length() ? "," : "").append("127.0.0.1:").append(port);
            }
            url.append('#').append(MASTER);

            try (RedisStore one = RedisStore.create(url.toString()); RedisStore two = RedisStore.create(url.toString())) {
                assertTrue(one.available() && two.available());
                assertEquals(5, sharedPermits(one, two), "shared through the master Sentinel names");

                // Load on both replicas: every call must answer (a permit or a refusal), none may throw.
                String hot = "hot-" + UUID.randomUUID();
                RateLimiterHandle ha = RateLimiters.create(r -> r.limit(1000, Duration.ofMillis(100)).shared(one, hot));
                RateLimiterHandle hb = RateLimiters.create(r -> r.limit(1000, Duration.ofMillis(100)).shared(two, hot));
                AtomicBoolean running = new AtomicBoolean(true);
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                AtomicLong calls = new AtomicLong();
                List<Thread> load = new ArrayList<>();
                for (RateLimiterHandle h : List.of(ha, hb, ha, hb)) {
                    Thread t = new Thread(() -> {
                        while (running.get()) {
                            try {
                                h.tryAcquire(1);
                                calls.incrementAndGet();
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                            RedisServer.sleep(1);
                        }
                    });
                    t.start();
                    load.add(t);
                }
                SharedRedisWait.until(() -> calls.get() > 200, 5_000, "load running");

                long killed = System.nanoTime();
                master.kill();
                SharedRedisWait.until(() -> !one.available() || !two.available(), 5_000, "the outage seen");
                long local = System.nanoTime();
                SharedRedisWait.until(() -> one.available() && two.available(), 30_000,
                        "both replicas share again after the promotion");
                long back = System.nanoTime();
                running.set(false);
                for (Thread t : load) {
                    t.join(5_000);
                }
                System.out.printf("Sentinel failover: outage seen %d ms after the kill, shared again %d ms after the"
                        + " kill (calls decided locally meanwhile); %d calls, %d failed%n",
                        (local - killed) / 1_000_000, (back - killed) / 1_000_000, calls.get(), failures.size());
                assertTrue(failures.isEmpty(), "no call failed with a store error: " + failures.peek());
                SharedRedisWait.until(() -> sharedPermits(one, two) == 5, 10_000,
                        "the limit is shared again (on the promoted replica)");
            }
        } finally {
            processes.forEach(RedisProcess::kill);
        }
    }

    /** A fresh limit of 5 per 30 s taken through both stores in turn: 5 when shared, up to 10 when not. */
    private static int sharedPermits(RedisStore one, RedisStore two) {
        String name = "sentinel-" + UUID.randomUUID();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(30)).shared(one, name));
        RateLimiterHandle b = RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(30)).shared(two, name));
        int granted = 0;
        for (int i = 0; i < 10; i++) {
            granted += (i % 2 == 0 ? a : b).tryAcquire(1) ? 1 : 0;
        }
        return granted;
    }
}

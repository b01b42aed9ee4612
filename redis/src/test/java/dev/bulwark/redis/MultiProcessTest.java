package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three replicas as three JVM processes (not threads) on one real redis-server: together they get exactly the limit
 * per window for each type, and a breaker opened in one rejects in the others within 100 ms without calling.
 */
class MultiProcessTest {

    private static final int REPLICAS = 3;
    private static final int PERMITS = 40;
    private static final long WINDOW = 500;
    private static final int WINDOWS = 4;
    /** Kept clear at both ends of the run, so no replica's clock reading can put a call in a window outside it. */
    private static final long MARGIN = 40;

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(0);

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldGiveEveryReplicaTogetherTheLimitOnce(RateLimitType type) throws Exception {
        String name = "multi-" + type + "-" + UUID.randomUUID();
        List<String> outputs;
        try (ReplicaProcesses replicas = ReplicaProcesses.startReady(REPLICAS, ReplicaProcess.class,
                i -> List.of("limit", redis.server().url(), name, type.name(), Integer.toString(PERMITS),
                        Long.toString(WINDOW), "2"))) {
            // Every replica is connected and warm: the run starts a little after an epoch-aligned window begins (the
            // FIXED windows are aligned so) and ends a little before the WINDOWS-th one after it ends.
            long firstWindow = (System.currentTimeMillis() / WINDOW + 2) * WINDOW;
            long start = firstWindow + MARGIN;
            long end = firstWindow + WINDOWS * WINDOW - MARGIN;
            outputs = replicas.run(i -> start + " " + end);
        }
        int granted = 0;
        for (String out : outputs) {
            String[] words = out.trim().split(" ");
            assertEquals("GRANTED", words[0], out);
            assertEquals("true", words[5], "the replica shared the limit throughout: " + out);
            assertTrue(Long.parseLong(words[3]) > Long.parseLong(words[1]), "it asked for more than it got: " + out);
            granted += Integer.parseInt(words[1]);
        }
        // SMOOTH starts with a full bucket (PERMITS) and refills PERMITS per window.
        int most = type == RateLimitType.SMOOTH ? PERMITS * (WINDOWS + 1) : PERMITS * WINDOWS;
        System.out.println("multi-process " + type + ": " + REPLICAS + " replicas got " + granted + " permits, "
                + "the limit allows " + most + " (" + outputs + ")");
        assertTrue(granted <= most, type + ": " + granted + " permits, at most " + most + " allowed");
        assertTrue(granted >= most - PERMITS, type + ": " + granted + " permits, the replicas together were "
                + "refused much of what the limit allows (" + most + ")");
    }

    @Test
    void shouldRejectInEveryReplicaWithin100MillisOfAnOpening() throws Exception {
        String name = "multi-breaker-" + UUID.randomUUID();
        List<String> outputs;
        long openAt;
        try (ReplicaProcesses replicas = ReplicaProcesses.startReady(REPLICAS, ReplicaProcess.class,
                i -> List.of("breaker", redis.server().url(), name, i == 0 ? "opener" : "follower"))) {
            long start = System.currentTimeMillis() + 300;
            openAt = start + 500;
            long end = openAt + 1_000;
            outputs = replicas.run(i -> start + " " + (start + 500) + " " + end);
        }
        long opened = Long.parseLong(outputs.get(0).trim().split(" ")[1]);
        assertTrue(opened >= openAt, outputs.get(0));
        for (String follower : outputs.subList(1, REPLICAS)) {
            String[] words = follower.trim().split(" ");
            long rejected = Long.parseLong(words[1]);
            assertTrue(rejected > 0, "a follower never saw the breaker open: " + follower);
            assertTrue(rejected - opened <= 100, "rejected " + (rejected - opened) + " ms after the opening: "
                    + follower);
            assertEquals("0", words[3], "the follower called the method after it rejected: " + follower);
            System.out.println("multi-process breaker: a follower rejected " + (rejected - opened)
                    + " ms after the opening");
        }
    }
}

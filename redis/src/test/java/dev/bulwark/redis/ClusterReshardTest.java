package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import dev.bulwark.api.SharedStore;
import dev.bulwark.impl.shared.SharedState;
import dev.bulwark.impl.shared.SharedStoreOptions;
import io.lettuce.core.cluster.SlotHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis Cluster resharding under load, as the README promises it: a hash slot moved by hand from one of 3 masters to
 * another ({@link SlotMove}: MIGRATING, its keys one per MIGRATE, then the slot the target's), each state held while
 * two replicas, connected through different seeds, take permits of a FIXED and a ROLLING limit whose keys are in that
 * slot, with an open breaker of that slot. No call fails with a store error; while the slot moves calls may decide
 * locally, with one WARNING per transition; within 5 s of the move both replicas share again and the limits are exact
 * again on the new master.
 */
class ClusterReshardTest {

    /** Longer than the 50 ms default, so that a busy 2-core machine cannot time a command out by itself. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);
    private static final int LIMIT = 20;
    private static final Duration WINDOW = Duration.ofMillis(500);
    private static final int THREADS_PER_REPLICA = 2;
    /**
     * How long each state of the move is held: a little longer than a store leaves itself alone after a failure, so
     * that every replica's calls meet every state, even when the state before had sent them to their local limits.
     */
    private static final long HOLD_NANOS = StoreHealth.RETRY_AFTER_NANOS + 200_000_000L;
    private static final int HOLD_CALLS = 100;
    private static final long SHARED_AGAIN_MILLIS = 5_000;
    private static final int WARM = 0;
    private static final int MOVING = 1;
    private static final int MOVED = 2;
    private static final int SHARED = 3;

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

    @Test
    void shouldDecideLocallyWhileTheSlotMovesAndShareExactlyAgainOnItsNewMaster() throws Exception {
        String seeds = cluster.url(0) + "," + cluster.url(1);
        String third = cluster.url(2);
        try (LogCapture log = LogCapture.start();
                RedisStore one = RedisStore.builder(seeds).cluster(true).commandTimeout(COMMAND_TIMEOUT).build();
                SharedState two = new RedisStoreFactory().open(SharedStoreOptions.builder(third).cluster(true)
                        .commandTimeoutMillis(COMMAND_TIMEOUT.toMillis()).build())) {
            String hot = "reshard-" + UUID.randomUUID();
            int slot = cluster.slot(one.key("rl", hot));
            assertEquals(slot, SlotHash.getSlot(one.key("rl", hot)), "the client hashes a key as the server does");
            // A ROLLING limit has two keys: while one has moved and the other not, its script is refused (TRYAGAIN).
            String rolling = nameInSlot(one, "reshard-rolling-", slot);
            int source = cluster.owner(0, slot);
            int target = (source + 1) % cluster.size();
            List<LocalDecisions> replicas = List.of(new LocalDecisions(one), new LocalDecisions(two));
            FixedWindows windows = new FixedWindows(WINDOW);

            // A breaker of the limit's name, open before the move: its state is a key of the slot and moves with it.
            String opener = "reshard-opener-" + UUID.randomUUID();
            String follower = "reshard-follower-" + UUID.randomUUID();
            String joiner = "reshard-joiner-" + UUID.randomUUID();
            Guard<String> opening = breaker(one, hot, opener);
            breaker(two, hot, follower);
            assertThrows(IllegalStateException.class, () -> opening.call(() -> {
                throw new IllegalStateException("down");
            }));
            SharedRedisWait.until(() -> state(follower) == CircuitState.OPEN, 5_000,
                    "the other replica's breaker opens before the move");

            try (ReshardLoad load = new ReshardLoad(replicas.size(), windows)) {
                for (int r = 0; r < replicas.size(); r++) {
                    load.add(r, limiter(replicas.get(r), hot, RateLimitType.FIXED, LIMIT, WINDOW),
                            limiter(replicas.get(r), rolling, RateLimitType.ROLLING, LIMIT, WINDOW),
                            THREADS_PER_REPLICA);
                }
                long firstWarm = windows.windowOf(FixedWindows.nowMicros()) + 1;
                load.phase(WARM);
                load.start();
                awaitWindow(windows, firstWarm + 2, "two windows of load before the move");

                cluster.resetStats();
                log.clear();
                long lastWarm = windows.windowOf(FixedWindows.nowMicros()) - 1;
                long moveStarted = System.nanoTime();
                load.phase(MOVING);
                SlotMove move = new SlotMove(cluster, slot, source, target);
                move.begin();
                hold(load);
                while (move.migrateOneKey()) {
                    hold(load);
                }
                move.end();
                long moveEnded = System.nanoTime();
                load.phase(MOVED);
                SharedRedisWait.until(() -> one.available() && two.available(), SHARED_AGAIN_MILLIS,
                        "both replicas share again after the move");
                long sharedAgain = System.nanoTime();
                load.phase(SHARED);
                long firstExact = windows.windowOf(FixedWindows.nowMicros()) + 1;
                awaitWindow(windows, firstExact + 2, "two windows of load after the move");
                load.stop();
                Map<String, Long> errors = cluster.errorReplies();

                long moveMillis = (moveEnded - moveStarted) / 1_000_000;
                String[] urls = {seeds, third};
                long[] outages = new long[2];
                long[] recoveries = new long[2];
                long[] localWhileMoving = new long[2];
                long[] whileMoving = new long[2];
                for (int r = 0; r < 2; r++) {
                    outages[r] = log.bulwark("store " + urls[r] + " does not answer");
                    recoveries[r] = log.bulwark("store " + urls[r] + " answers again");
                    localWhileMoving[r] = load.calls(r, MOVING, true) + load.calls(r, MOVED, true);
                    whileMoving[r] = localWhileMoving[r] + load.calls(r, MOVING, false) + load.calls(r, MOVED, false);
                }
                long ours = log.bulwarkLines();
                long driver = log.size() - ours;
                System.out.printf("ClusterReshardTest: slot %d moved from node %d to node %d in %d ms (keys %s); "
                        + "%d calls, %d failed; decided locally while the slot moved: %d of %d calls and %d of %d "
                        + "(replicas one and two), after: %d and %d; outages %d and %d; both shared again %d ms after "
                        + "the move ended; FIXED permits per %d ms window (limit %d, inside+spanning): before %s | "
                        + "moving %s | after %s; error replies of the nodes: %s; log: %s%n",
                        slot, source, target, moveMillis, move.migrated(), load.calls(), load.failures().size(),
                        localWhileMoving[0], whileMoving[0], localWhileMoving[1], whileMoving[1],
                        load.calls(0, SHARED, true), load.calls(1, SHARED, true), outages[0], outages[1],
                        (sharedAgain - moveEnded) / 1_000_000, WINDOW.toMillis(), LIMIT,
                        permits(windows, firstWarm, lastWarm), permits(windows, lastWarm + 1, firstExact - 1),
                        permits(windows, firstExact, firstExact + 1), errors, log);

                assertTrue(load.failures().isEmpty(), () -> "no call failed with a store error: "
                        + load.failures().peek());
                assertTrue(errors.getOrDefault("ASK", 0L) + errors.getOrDefault("TRYAGAIN", 0L) > 0,
                        "the calls met the slot moving (ASK or TRYAGAIN): " + errors);
                assertTrue(load.calls(SHARED) > 0);
                assertEquals(0, load.calls(0, SHARED, true) + load.calls(1, SHARED, true),
                        "once both replicas share again, the store decides every call");
                for (long w = firstWarm; w <= lastWarm; w++) {
                    assertExact(windows, w, "before the move");
                }
                for (long w = firstExact; w <= firstExact + 1; w++) {
                    assertExact(windows, w, "after the move");
                }
                // A store is left alone a second after each failure: at most one outage a second, each one ended.
                long mostOutages = (sharedAgain - moveStarted) / StoreHealth.RETRY_AFTER_NANOS + 1;
                for (int r = 0; r < 2; r++) {
                    assertTrue(outages[r] <= mostOutages, "replica " + r + ": one WARNING per outage, at most one "
                            + "a second (" + mostOutages + "), was " + outages[r] + ": " + log);
                    assertEquals(outages[r], recoveries[r], "replica " + r + ": each outage ended with one WARNING");
                }
                assertEquals(0, log.bulwark("refused"), "a moving slot is the store's state, not a bad key: " + log);
                assertEquals(outages[0] + outages[1] + recoveries[0] + recoveries[1], ours,
                        "nothing else of ours, never a line per call: " + log);
                assertTrue(driver <= 10, "the driver's lines, not one per call: " + log);
            }

            // The slot is the target's on every node, and its keys are there.
            for (int node = 0; node < cluster.size(); node++) {
                assertEquals(target, cluster.owner(node, slot), "node " + node + " sees the slot on the target");
            }
            assertEquals("0", cluster.cli(source, "cluster", "countkeysinslot", Integer.toString(slot)).trim());
            assertTrue(Long.parseLong(cluster.cli(target, "cluster", "countkeysinslot", Integer.toString(slot))
                    .trim()) > 0, "the slot's keys are on the target");

            // Fresh limits of every type in the moved slot: exactly their limit across both replicas, from the store.
            for (RateLimitType type : RateLimitType.values()) {
                String name = nameInSlot(one, "reshard-fresh-" + type + "-", slot);
                RateLimiterHandle a = limiter(replicas.get(0), name, type, 5, Duration.ofSeconds(30));
                RateLimiterHandle b = limiter(replicas.get(1), name, type, 5, Duration.ofSeconds(30));
                long localBefore = replicas.get(0).decidedLocally() + replicas.get(1).decidedLocally();
                int granted = 0;
                for (int i = 0; i < 10; i++) {
                    granted += (i % 2 == 0 ? a : b).tryAcquire(1) ? 1 : 0;
                }
                assertEquals(5, granted, type + " in the moved slot: 5 for both replicas together");
                assertEquals(localBefore, replicas.get(0).decidedLocally() + replicas.get(1).decidedLocally(),
                        type + ": every call decided by the store");
            }

            // The breaker's state moved with the slot: a breaker that joins reads it there, and a reset reaches all.
            breaker(two, hot, joiner);
            SharedRedisWait.until(() -> state(joiner) == CircuitState.OPEN, 5_000,
                    "a breaker that joins after the move reads the open state on the new master");
            CircuitBreakerMaintenance.get().breaker(opener).reset();
            SharedRedisWait.until(() -> state(follower) == CircuitState.CLOSED && state(joiner) == CircuitState.CLOSED,
                    5_000, "a reset on one replica closes the others' breakers through the new master");
        }
    }

    /**
     * A ROLLING limit whose permits all left its window while its slot is MIGRATING: on the source the script empties
     * the sorted set (Redis deletes an empty one), and its next command there finds no key, which the source would
     * send on with ASK; a script cannot follow ASK, so Redis stops it ("Script attempted to access a non local key in a
     * cluster node"). That is the slot moving, not a bad key: the call decides locally, the store counts as down (one
     * WARNING naming the cause), and nothing says the limit's key needs fixing.
     */
    @Test
    void shouldTakeAScriptTheMovingSlotStoppedForTheStoreDownNotForABadKey() {
        try (LogCapture log = LogCapture.start();
                RedisStore store = RedisStore.builder(cluster.url(0)).cluster(true).commandTimeout(COMMAND_TIMEOUT)
                        .build()) {
            String name = "reshard-idle-" + UUID.randomUUID();
            int slot = cluster.slot(store.key("rl", name));
            int source = cluster.owner(0, slot);
            SlotMove move = new SlotMove(cluster, slot, source, (source + 1) % cluster.size());
            LocalDecisions counted = new LocalDecisions(store);
            Duration window = Duration.ofMillis(100);
            RateLimiterHandle limiter = limiter(counted, name, RateLimitType.ROLLING, 5, window);
            assertTrue(limiter.tryAcquire(1), "a permit from the store: the sorted set and the sequence exist");
            long granted = FixedWindows.nowMicros();
            move.begin();
            // The permit has left the window; its keys stay a second longer (a limit's keys expire so).
            SharedRedisWait.until(() -> FixedWindows.nowMicros() - granted > window.toNanos() / 1000, 1_000,
                    "the permit leaves the window");

            LocalDecisions.startCall();
            assertTrue(limiter.tryAcquire(1), "the local limit grants the call");
            assertTrue(LocalDecisions.lastCallWasLocal(), "the call was decided locally");
            assertFalse(store.available(), "the store counts as down while the slot moves");
            assertEquals(1, log.bulwark("non local key"), "one WARNING, naming the cause: " + log);
            assertEquals(0, log.bulwark("refused"), "nothing about a bad key: " + log);

            while (move.migrateOneKey()) {
                // every key, without a pause: this test is about the script stopped above
            }
            move.end();
            SharedRedisWait.until(() -> {
                limiter.tryAcquire(1); // a call a second tries the store
                return store.available();
            }, SHARED_AGAIN_MILLIS, "shared again after the move");
            LocalDecisions.startCall();
            limiter.tryAcquire(1);
            assertFalse(LocalDecisions.lastCallWasLocal(), "the store decides again");
            assertEquals(1, log.bulwark("answers again"), log::toString);
        }
    }

    /** Holds the move's state: {@link #HOLD_NANOS}, and at least {@link #HOLD_CALLS} calls of the load. */
    private static void hold(ReshardLoad load) {
        long from = System.nanoTime();
        long calls = load.calls();
        SharedRedisWait.until(() -> System.nanoTime() - from >= HOLD_NANOS && load.calls() - calls >= HOLD_CALLS,
                10_000, "the load meets the slot's state");
    }

    private static void awaitWindow(FixedWindows windows, long window, String what) {
        SharedRedisWait.until(() -> windows.windowOf(FixedWindows.nowMicros()) >= window, 5_000, what);
    }

    /** Exact: at most the limit surely in the window, and the limit once the calls spanning its edges are added. */
    private static void assertExact(FixedWindows windows, long window, String when) {
        int inside = windows.inside(window);
        int spanning = windows.spanning(window);
        assertTrue(inside <= LIMIT && inside + spanning >= LIMIT, when + ": window " + window + " holds " + inside
                + " permits and " + spanning + " spanning its edges, the limit is " + LIMIT);
    }

    private static String permits(FixedWindows windows, long from, long to) {
        StringBuilder s = new StringBuilder();
        for (long w = from; w <= to; w++) {
            s.append(w == from ? "" : " ").append(windows.inside(w)).append('+').append(windows.spanning(w));
        }
        return s.toString();
    }

    /**
     * A limit name whose keys hash to {@code slot}, found by trying numbered names (one in 16384 lands there), and
     * checked against the server.
     */
    private static String nameInSlot(RedisStore store, String prefix, int slot) {
        String base = prefix + UUID.randomUUID() + "-";
        for (int i = 0; i < 10_000_000; i++) {
            String name = base + i;
            if (SlotHash.getSlot(store.key("rl", name)) == slot) {
                assertEquals(slot, cluster.slot(store.key("rl", name)), name);
                return name;
            }
        }
        throw new IllegalStateException("no name of " + prefix + " in slot " + slot);
    }

    private static RateLimiterHandle limiter(SharedStore store, String name, RateLimitType type, int limit,
            Duration window) {
        return RateLimiters.create(r -> r.limit(limit, window).type(type).shared(store, name));
    }

    private static Guard<String> breaker(SharedStore store, String shared, String name) {
        return Guard.<String>builder()
                .withCircuitBreaker(cb -> cb.name(name).consecutiveFailures(1).delay(Duration.ofSeconds(30))
                        .shared(store, shared))
                .build();
    }

    private static CircuitState state(String breaker) {
        return CircuitBreakerMaintenance.get().breaker(breaker).state();
    }
}

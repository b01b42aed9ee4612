package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A network that misbehaves between the replicas and a real redis-server ({@link FaultProxy}): latency beyond the
 * command timeout, connections reset, a half-open link, a slow drip. For each, three pairs of replicas (two stores
 * each, one pair per {@link OnFailure}) share one SMOOTH limit per pair under load, and a breaker on the
 * {@code local} pair. No call fails; each pair does what its {@code on-failure} says; the {@code local} pair grants
 * at most the bound the README states; both replicas of every pair share exactly again within 2 s of the heal; no
 * thread is left behind, the heap after GC stays put, and each store logs one WARNING per transition.
 */
class FaultInjectionTest {

    /** Longer than the 50 ms default, so that a busy 2-core machine cannot time a command out by itself. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);
    private static final int RATE = 50;
    private static final int BURST = 5;
    private static final int THREADS_PER_STORE = 2;
    private static final long FAULT_MILLIS = 2_500;
    private static final OnFailure[] MODES = {OnFailure.LOCAL, OnFailure.ALLOW, OnFailure.REJECT};
    private static final int WARM = 0;
    private static final int FAULT = 1;
    private static final int DEGRADED = 2;
    private static final int HEALED = 3;
    private static final int SHARED = 4;
    private static final int DONE = 5;
    /** Heap after GC may move by this much between two measurements: GC noise, not a retained call. */
    private static final long HEAP_SLACK = 16L << 20;

    /**
     * The engine's JVM-wide threads (its timeout watchdog) start with the first guard of the JVM: started here, so
     * that the threads a test counts are the stores'.
     */
    @BeforeAll
    static void startTheEngine() throws Exception {
        Guard<String> guard = Guard.<String>builder()
                .withCircuitBreaker(cb -> cb.name("fault-warm-" + UUID.randomUUID())).build();
        assertEquals("ok", guard.call(() -> "ok"));
    }

    @Test
    void shouldHoldTheBoundThroughLatencyBeyondTheCommandTimeout() throws Exception {
        run("latency 1 s", p -> p.latency(Duration.ofSeconds(1)));
    }

    @Test
    void shouldHoldTheBoundThroughConnectionResets() throws Exception {
        run("reset", FaultProxy::reset);
    }

    @Test
    void shouldHoldTheBoundThroughAHalfOpenLink() throws Exception {
        run("half-open", FaultProxy::stall);
    }

    @Test
    void shouldHoldTheBoundThroughASlowDrip() throws Exception {
        run("drip 100 B/s", p -> p.drip(Duration.ofMillis(10)));
    }

    @Test
    void shouldSendNoMoreCommandsThanTheRequestQueueSizeIntoALinkThatNeverAnswers() throws Exception {
        try (LogCapture log = LogCapture.start(); RedisServer server = RedisServer.start();
                FaultProxy proxy = FaultProxy.to(server);
                RedisStore store = RedisStore.builder(proxy.url()).commandTimeout(Duration.ofSeconds(1))
                        .requestQueueSize(4).build()) {
            String name = "queue-" + UUID.randomUUID();
            RateLimiterHandle limiter = RateLimiters.create(r -> r.limit(1000, Duration.ofSeconds(1))
                    .shared(store, name));
            assertTrue(limiter.tryAcquire(1), "shared, the script loaded");
            // 16 callers at once, all before the first timeout (1 s): without the bound each sends its command.
            StalledBurst burst = StalledBurst.run(proxy, 16, () -> limiter.tryAcquire(1));
            long sent = burst.sent();
            List<Throwable> failures = burst.failures();
            proxy.heal();
            SharedRedisWait.until(() -> limiter.tryAcquire(1) && store.available(), 2_000, "shared again");
            System.out.printf("FaultInjectionTest request queue: %d of 16 commands sent into the half-open link "
                    + "(queue 4), %d granted locally, %d failed%n", sent, burst.granted(), failures.size());
            assertTrue(failures.isEmpty(), () -> "no call failed: " + failures.get(0));
            assertEquals(16, burst.granted(), "each refused command decided locally (a limit of 1000)");
            assertTrue(sent <= 4, "at most the request queue's 4 commands into the link, was " + sent);
            assertEquals(1, log.bulwark("does not answer"), log::toString);
            assertEquals(1, log.bulwark("answers again"), log::toString);
        }
    }

    private void run(String fault, Consumer<FaultProxy> inject) throws Exception {
        int stores = MODES.length * 2;
        try (LogCapture log = LogCapture.start(); RedisServer server = RedisServer.start();
                FaultProxy proxy = FaultProxy.to(server)) {
            // After the server started: its process reaper is the JDK's, not the client's.
            LeakCheck threads = LeakCheck.now();
            long heapBefore = LeakCheck.heapAfterGc();
            List<RedisStore> opened = new ArrayList<>();
            try (FaultLoad load = new FaultLoad(MODES.length)) {
                for (int g = 0; g < MODES.length; g++) {
                    String name = "fault-" + MODES[g] + "-" + UUID.randomUUID();
                    for (int replica = 0; replica < 2; replica++) {
                        RedisStore store = RedisStore.builder(proxy.url()).commandTimeout(COMMAND_TIMEOUT)
                                .onFailure(MODES[g]).build();
                        opened.add(store);
                        load.add(g, RateLimiters.create(r -> r.limit(RATE, Duration.ofSeconds(1))
                                .type(RateLimitType.SMOOTH).burst(BURST).shared(store, name)), THREADS_PER_STORE);
                    }
                }
                String shared = "fault-cb-" + UUID.randomUUID();
                String[] breakers = {shared + "-0", shared + "-1"};
                List<Guard<String>> guards = List.of(breaker(opened.get(0), shared, breakers[0]),
                        breaker(opened.get(1), shared, breakers[1]));
                load.start();
                SharedRedisWait.until(() -> load.calls() > 300, 10_000, "load running");
                LeakCheck warm = LeakCheck.now();
                int threadsWarm = warm.size();
                long heapWarm = LeakCheck.heapAfterGc();
                log.clear();
                long commandsBefore = proxy.commands();

                load.phase(FAULT);
                long faultAt = System.nanoTime();
                inject.accept(proxy);
                SharedRedisWait.until(() -> opened.stream().noneMatch(RedisStore::available), 5_000,
                        "every store sees the " + fault);
                load.phase(DEGRADED);
                RedisServer.sleep(Math.max(0, FAULT_MILLIS - (System.nanoTime() - faultAt) / 1_000_000));
                long heapFault = LeakCheck.heapAfterGc();
                long commandsInFault = proxy.commands() - commandsBefore;
                load.phase(HEALED);
                long healAt = System.nanoTime();
                proxy.heal();
                SharedRedisWait.until(() -> opened.stream().allMatch(RedisStore::available), 2_000,
                        "every store shares again after the " + fault);
                long sharedAfter = (System.nanoTime() - healAt) / 1_000_000;
                load.phase(SHARED);
                RedisServer.sleep(1_000);
                load.phase(DONE);
                load.stop();
                LeakCheck healed = LeakCheck.now();
                int threadsHealed = healed.size();
                String logged = log.toString();
                long outages = log.bulwark("does not answer");
                long resumed = log.bulwark("answers again");
                long ours = log.bulwarkLines();
                long driver = log.size() - ours;

                // The breaker's channel came back too: an opening on one replica reaches the other.
                for (int i = 0; i < 2; i++) {
                    assertThrows(IllegalStateException.class, () -> guards.get(0).call(() -> {
                        throw new IllegalStateException("down");
                    }));
                }
                SharedRedisWait.until(() -> state(breakers[1]) == CircuitState.OPEN, 2_000,
                        "the other replica's breaker opens after the " + fault);

                double faultSeconds = load.seconds(FAULT, HEALED);
                double degradedSeconds = load.seconds(DEGRADED, HEALED);
                double sharedSeconds = load.seconds(SHARED, DONE);
                long duringFault = load.count(0, FAULT, HEALED, true);
                long faultBound = 3 * bucket(faultSeconds);
                long degraded = load.count(0, DEGRADED, HEALED, true);
                long degradedBound = 2 * bucket(degradedSeconds);
                long commandsBound = (long) (stores * (THREADS_PER_STORE + faultSeconds + 1));
                System.out.printf("FaultInjectionTest %s: %d calls, %d failed; local pair granted %d in the %.2f s "
                        + "fault (bound %d), %d in the %.2f s degraded (bound %d); allow refused %d, reject granted "
                        + "%d while degraded; shared again %d ms after the heal, then granted %d/%d/%d in %.2f s "
                        + "(exact bound %d); %d commands into the faulty link (bound %d), %d connections accepted; "
                        + "threads %d before, %d warm, %d healed %s; heap after GC %d MB before, %d warm, %d during "
                        + "the fault; log: %s%n",
                        fault, load.calls(), load.failures().size(), duringFault, faultSeconds, faultBound, degraded,
                        degradedSeconds, degradedBound, load.count(1, DEGRADED, HEALED, false),
                        load.count(2, DEGRADED, HEALED, true), sharedAfter, load.count(0, SHARED, DONE, true),
                        load.count(1, SHARED, DONE, true), load.count(2, SHARED, DONE, true), sharedSeconds,
                        bucket(sharedSeconds), commandsInFault, commandsBound, proxy.accepted(), threads.size(),
                        threadsWarm, threadsHealed, healed.grownSince(warm), heapBefore >> 20, heapWarm >> 20, heapFault >> 20, logged);

                assertTrue(load.failures().isEmpty(), () -> "no call failed: " + load.failures().peek());
                assertTrue(duringFault <= faultBound, "local: at most each replica's limit plus the shared one's "
                        + "in flight, was " + duringFault + " of " + faultBound);
                assertTrue(degraded <= degradedBound, "local: at most each replica's limit, was " + degraded);
                assertTrue(degraded > 0, "local: the replicas' own limits granted meanwhile");
                assertEquals(0, load.count(1, DEGRADED, HEALED, false), "allow: every call permitted");
                assertTrue(load.count(1, DEGRADED, HEALED, true) > 0);
                assertEquals(0, load.count(2, DEGRADED, HEALED, true), "reject: every call refused");
                assertTrue(load.count(2, DEGRADED, HEALED, false) > 0);
                for (int g = 0; g < MODES.length; g++) {
                    long exact = load.count(g, SHARED, DONE, true);
                    assertTrue(exact <= bucket(sharedSeconds), MODES[g] + ": exact again after the heal, was "
                            + exact + " of " + bucket(sharedSeconds));
                }
                assertTrue(commandsInFault <= commandsBound, "the calls did not queue commands in the client: "
                        + commandsInFault);
                assertEquals(stores, outages, "one WARNING per store as sharing stops: " + logged);
                assertEquals(stores, resumed, "one as it resumes: " + logged);
                assertEquals(2 * stores, ours, "nothing else of ours, never a line per call: " + logged);
                // Lettuce logs a reconnect's first attempt (about 5 lines per connection), not each call or attempt.
                assertTrue(driver <= 10L * 2 * stores, "the driver's lines, not one per call: " + logged);
                assertTrue(threadsHealed <= threadsWarm + LeakCheck.LAZY_PER_STORE * stores,
                        "no thread per reconnect or per call: " + threadsWarm + " warm, " + threadsHealed + " healed");
                assertTrue(heapFault <= heapWarm + HEAP_SLACK, "heap after GC during the fault: " + (heapFault >> 20)
                        + " MB, warm " + (heapWarm >> 20) + " MB");
            } finally {
                opened.forEach(RedisStore::close);
            }
            threads.awaitBack(5_000);
            long heapAfter = LeakCheck.heapAfterGc();
            assertTrue(heapAfter <= heapBefore + HEAP_SLACK, "heap after GC back near where it was: "
                    + (heapAfter >> 20) + " MB, " + (heapBefore >> 20) + " MB before");
        }
    }

    /** What one SMOOTH bucket can grant in {@code seconds}: its burst plus one permit per 1/RATE s begun. */
    private static long bucket(double seconds) {
        return BURST + (long) Math.floor(seconds * RATE) + 1;
    }

    private static Guard<String> breaker(RedisStore store, String shared, String name) {
        return Guard.<String>builder()
                .withCircuitBreaker(cb -> cb.name(name).consecutiveFailures(2).delay(Duration.ofSeconds(30))
                        .shared(store, shared))
                .build();
    }

    private static CircuitState state(String breaker) {
        return CircuitBreakerMaintenance.get().breaker(breaker).state();
    }
}

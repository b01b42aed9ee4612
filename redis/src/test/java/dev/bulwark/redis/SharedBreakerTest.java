package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stores on one server stand for two replicas of one breaker. */
class SharedBreakerTest {

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(2);

    /** A replica's guard: opens after 2 failures in a row, and counts the calls that reach the downstream. */
    private static final class Replica {
        final AtomicInteger calls = new AtomicInteger();
        final Guard<String> guard;
        final String breaker = "cb-" + UUID.randomUUID();

        Replica(RedisStore store, String shared, Duration delay) {
            guard = Guard.<String>builder()
                    .withCircuitBreaker(cb -> cb.name(breaker).consecutiveFailures(2).delay(delay)
                            .shared(store, shared))
                    .build();
        }

        String call(boolean fail) throws Exception {
            return guard.call(() -> {
                calls.incrementAndGet();
                if (fail) {
                    throw new IllegalStateException("down");
                }
                return "ok";
            });
        }

        CircuitState state() {
            return CircuitBreakerMaintenance.get().breaker(breaker).state();
        }
    }

    static void within(long millis, BooleanSupplier condition, String what) {
        SharedRedisWait.until(condition, millis, what);
    }

    @Test
    void shouldOpenEveryReplicaWhenOneOpens() throws Exception {
        String name = "breaker-" + UUID.randomUUID();
        Replica a = new Replica(redis.store(0), name, Duration.ofSeconds(30));
        Replica b = new Replica(redis.store(1), name, Duration.ofSeconds(30));
        RedisServer.sleep(50); // both subscribed and synced

        assertThrows(IllegalStateException.class, () -> a.call(true));
        assertThrows(IllegalStateException.class, () -> a.call(true));
        long opened = System.nanoTime();
        assertEquals(CircuitState.OPEN, a.state());
        within(100, () -> b.state() == CircuitState.OPEN, "the other replica opens");
        assertTrue(System.nanoTime() - opened < 100_000_000L);
        assertThrows(CircuitBreakerOpenException.class, () -> b.call(false));
        assertEquals(0, b.calls.get(), "the other replica never called the downstream");
    }

    @Test
    void shouldLetOneReplicaAtATimeRunTheTrialAndCloseEveryone() throws Exception {
        String name = "breaker-" + UUID.randomUUID();
        Replica a = new Replica(redis.store(0), name, Duration.ofMillis(200));
        Replica b = new Replica(redis.store(1), name, Duration.ofMillis(200));
        openOnFirst(a, b);

        RedisServer.sleep(250);
        // The delay has passed on both: the first to ask takes the trial lease, the other keeps rejecting.
        int before = a.calls.get();
        assertEquals("ok", b.call(false), "b takes the lease and its trial succeeds");
        assertEquals(CircuitState.CLOSED, b.state());
        within(100, () -> a.state() == CircuitState.CLOSED, "the trial's success closes the other replica");
        assertEquals(before, a.calls.get(), "a ran no trial of its own");
    }

    @Test
    void shouldRejectTrialsOnTheReplicaThatHasNoLease() throws Exception {
        String name = "breaker-" + UUID.randomUUID();
        Replica a = new Replica(redis.store(0), name, Duration.ofMillis(200));
        Replica b = new Replica(redis.store(1), name, Duration.ofMillis(200));
        openOnFirst(a, b);
        RedisServer.sleep(250);

        // a takes the lease by admitting a trial that has not ended yet
        Object permit = trialPermit(a);
        assertThrows(CircuitBreakerOpenException.class, () -> b.call(false), "b has no lease");
        assertEquals(0, b.calls.get());
        release(a, permit, true);
        RedisServer.sleep(100);
        // a's failed trial reopened b too: a new delay, counted from that failure, so b is not due for a trial yet.
        assertThrows(CircuitBreakerOpenException.class, () -> b.call(false));
        RedisServer.sleep(200);
        assertEquals("ok", b.call(false), "the failed trial released the lease: b may run the next one");
        assertEquals(1, b.calls.get());
    }

    @Test
    void shouldForceAndResetEveryReplica() {
        String name = "breaker-" + UUID.randomUUID();
        Replica a = new Replica(redis.store(0), name, Duration.ofSeconds(30));
        Replica b = new Replica(redis.store(1), name, Duration.ofSeconds(30));
        RedisServer.sleep(50);
        CircuitBreakerMaintenance.get().breaker(a.breaker).forceOpen();
        within(100, () -> b.state() == CircuitState.FORCED_OPEN, "forced open everywhere");
        CircuitBreakerMaintenance.get().breaker(b.breaker).forceClosed();
        within(100, () -> a.state() == CircuitState.FORCED_CLOSED, "forced closed everywhere");
        CircuitBreakerMaintenance.get().breaker(a.breaker).reset();
        within(100, () -> b.state() == CircuitState.CLOSED, "reset everywhere");
    }

    @Test
    void shouldOpenAReplicaThatJoinsWhileTheBreakerIsOpen() throws Exception {
        String name = "breaker-" + UUID.randomUUID();
        Replica a = new Replica(redis.store(0), name, Duration.ofSeconds(30));
        assertThrows(IllegalStateException.class, () -> a.call(true));
        assertThrows(IllegalStateException.class, () -> a.call(true));
        RedisServer.sleep(50);
        Replica late = new Replica(redis.store(1), name, Duration.ofSeconds(30));
        within(100, () -> late.state() == CircuitState.OPEN, "a replica started later reads the open state");
    }

    /** Opens {@code a} with two failures and waits for {@code b} to hear of it. */
    private static void openOnFirst(Replica a, Replica b) {
        RedisServer.sleep(50); // both subscribed and synced
        assertThrows(IllegalStateException.class, () -> a.call(true));
        assertThrows(IllegalStateException.class, () -> a.call(true));
        within(100, () -> b.state() == CircuitState.OPEN, "the other replica opens");
    }

    /** Admits one trial call on {@code replica}'s breaker and returns its permit, as a call in flight holds it. */
    private static Object trialPermit(Replica replica) {
        var breaker = (dev.bulwark.impl.circuitbreaker.CircuitBreaker) CircuitBreakerMaintenance.get().breaker(replica.breaker);
        Object permit = breaker.tryAcquire();
        assertTrue(permit != null, "the delay passed and this replica took the lease");
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
        return permit;
    }

    private static void release(Replica replica, Object permit, boolean failed) {
        var breaker = (dev.bulwark.impl.circuitbreaker.CircuitBreaker) CircuitBreakerMaintenance.get().breaker(replica.breaker);
        if (failed) {
            breaker.onFailure(permit);
        } else {
            breaker.onSuccess(permit);
        }
    }
}

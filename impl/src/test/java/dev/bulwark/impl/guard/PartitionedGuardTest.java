package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.PartitionedGuard;
import dev.bulwark.api.RateLimitException;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** The programmatic form of partitions: one limit and one breaker per key. */
class PartitionedGuardTest {

    @Test
    void shouldGiveEachKeyItsOwnRateLimit() throws Exception {
        PartitionedGuard<String> guard = Guard.<String>builder()
                .withRateLimit(r -> r.limit(2, Duration.ofMinutes(1))).buildPartitioned(100);
        guard.call("a", () -> "ok");
        guard.call("a", () -> "ok");
        assertThrows(RateLimitException.class, () -> guard.call("a", () -> "ok"));
        assertEquals("ok", guard.get("b", () -> "ok"));
        assertEquals(Set.of("a", "b"), guard.partitionKeys());
    }

    @Test
    void shouldOpenOneKeysBreakerAndLeaveTheOthersClosed() {
        PartitionedGuard<String> guard = Guard.<String>builder().name("partitioned-breaker")
                .withCircuitBreaker(c -> c.requestVolumeThreshold(2).failureRatio(1).delay(Duration.ofMinutes(1)))
                .buildPartitioned(100);
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> guard.get("down", () -> {
                throw new IllegalStateException("down");
            }));
        }
        assertThrows(CircuitBreakerOpenException.class, () -> guard.get("down", () -> "ok"));
        assertEquals("ok", guard.get("up", () -> "ok"));
        assertEquals(CircuitState.OPEN, guard.state("down"));
        assertEquals(CircuitState.CLOSED, guard.state("up"));
    }

    @Test
    void shouldRefuseAGuardWithNothingToPartition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder().withTimeout(Duration.ofSeconds(1)).buildPartitioned(10));
        assertEquals("buildPartitioned(): nothing to partition; add withRateLimit, withCircuitBreaker or"
                + " withBulkhead", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder().withRateLimit(r -> r.limit(1, Duration.ofSeconds(1))).buildPartitioned(0));
    }
}

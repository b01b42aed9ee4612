package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How an operation is assembled from its spec, and what it shares with operators. */
class OperationTest {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.isolated();
    private final Engine engine = new VirtualTime().engine().circuitBreakers(registry).build();

    private static CircuitBreakerSpec named(String name) {
        return CircuitBreakerSpec.builder(2, 0.5, 1_000, 1, ExceptionMatcher.all()).name(name).build();
    }

    @Test
    void shouldRegisterANamedBreakerForOperators() {
        Operation op = engine.operation(OperationSpec.builder("op").circuitBreaker(named("inventory")).build());
        assertSame(op.circuitBreaker(), registry.get("inventory"));
    }

    @Test
    void shouldNotRegisterAnAnonymousBreaker() {
        Operation op = engine.operation(OperationSpec.builder("op")
                .circuitBreaker(CircuitBreakerSpec.of(2, 0.5, 1_000, 1, ExceptionMatcher.all())).build());
        assertEquals(Set.of(), registry.names());
        assertEquals("op", op.circuitBreaker().name(), "an anonymous breaker is named after its operation");
    }

    @Test
    void shouldUnregisterItsBreakerOnRelease() {
        Operation op = engine.operation(OperationSpec.builder("op").circuitBreaker(named("inventory")).build());
        op.release();
        assertNull(registry.get("inventory"));
    }

    @Test
    void shouldKeepANewerBreakerOfTheSameNameWhenAnOlderOperationIsReleased() {
        Operation older = engine.operation(OperationSpec.builder("op").circuitBreaker(named("inventory")).build());
        Operation newer = engine.operation(OperationSpec.builder("op").circuitBreaker(named("inventory")).build());
        older.release();
        assertSame(newer.circuitBreaker(), registry.get("inventory"));
    }

    @Test
    void shouldTreatAZeroTimeoutAsNoTimeout() {
        assertNull(OperationSpec.builder("op").timeout(new TimeoutSpec(0)).build().timeout());
    }

    @Test
    void shouldUseTheSemaphoreBulkheadForSynchronousCalls() {
        Operation op = engine.operation(OperationSpec.builder("op").bulkhead(new BulkheadSpec(2, 3)).build());
        assertEquals(2, op.semaphoreBulkhead().limit());
        assertNull(op.queueingBulkhead());
    }

    @Test
    void shouldUseTheQueueingBulkheadForAsynchronousCalls() {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true)
                .bulkhead(new BulkheadSpec(2, 3)).build());
        assertEquals(3, op.queueingBulkhead().queueSize());
        assertNull(op.semaphoreBulkhead());
    }
}

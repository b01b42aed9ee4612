package dev.bulwark.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.partition.Partitions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * {@code bulwark.partitions.metrics-tag=true}: each partition's series carry its id as a {@code partition} tag, the
 * method's own series ({@code ft.partitions.*}) do not, and an evicted partition's series leave the registry, so a
 * key seen again starts from zero instead of finding the old partition's gauges.
 */
class PartitionSeriesTest {

    private static final Invoker ECHO = target -> target;
    private static final Invoker FAIL = target -> {
        throw new IllegalStateException("down");
    };
    private static final String METHOD = "com.example.Hosts.fetch";

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Engine engine = Engine.builder().metrics(new MicrometerProvider(registry))
            .circuitBreakers(CircuitBreakerRegistry.isolated()).build();

    private Partitions partitions(int max, boolean tagged) {
        return new Partitions(METHOD, engine, max, id -> OperationSpec.builder(METHOD)
                .circuitBreaker(CircuitBreakerSpec.of(2, 0.5, TimeUnit.MINUTES.toNanos(1), 1, ExceptionMatcher.all()))
                .build(), tagged);
    }

    private Search calls(String partition, String result) {
        Search s = registry.find("ft.circuitbreaker.calls.total").tag("method", METHOD)
                .tag("circuitBreakerResult", result);
        return partition == null ? s : s.tag("partition", partition);
    }

    @Test
    void eachPartitionCountsUnderItsOwnTag() throws Exception {
        Partitions partitions = partitions(10, true);
        partitions.call("host-a", ECHO, "x", null);
        partitions.call("host-a", ECHO, "x", null);
        assertThrows(IllegalStateException.class, () -> partitions.call("host-b", FAIL, "x", null));

        assertEquals(2.0, calls("host-a", "success").counter().count());
        assertEquals(0.0, calls("host-b", "success").counter().count());
        assertEquals(1.0, calls("host-b", "failure").counter().count());
        assertEquals(2.0, registry.get("ft.partitions.live").tag("method", METHOD).gauge().value());
        assertNull(registry.find("ft.partitions.live").tagKeys("partition").gauge(), "per method, never per key");
        assertEquals(0.0, calls("~overflow", "success").counter().count(), "the overflow partition has its own");
    }

    @Test
    void aBreakerOpenInOnePartitionShowsInItsStateGaugeOnly() throws Exception {
        Partitions partitions = partitions(10, true);
        for (int i = 0; i < 2; i++) {
            try {
                partitions.call("host-b", FAIL, "x", null);
            } catch (IllegalStateException expected) {
                // counted as a failure
            }
        }
        partitions.call("host-a", ECHO, "x", null);
        assertThrows(CircuitBreakerOpenException.class, () -> partitions.call("host-b", ECHO, "x", null));

        assertEquals(1.0, registry.get("ft.circuitbreaker.opened.total").tag("partition", "host-b").counter()
                .count());
        assertEquals(0.0, registry.get("ft.circuitbreaker.opened.total").tag("partition", "host-a").counter()
                .count());
        assertEquals(1.0, calls("host-b", "circuitBreakerOpen").counter().count());
    }

    @Test
    void anEvictedPartitionsSeriesAreRemovedAndAKeySeenAgainStartsFromZero() throws Exception {
        Partitions partitions = partitions(2, true);
        partitions.call("host-a", ECHO, "x", null);
        partitions.call("host-b", ECHO, "x", null);

        partitions.call("host-c", ECHO, "x", null); // host-a, least recently used and at rest, is evicted

        assertNull(calls("host-a", "success").counter(), "host-a's series left with it");
        assertEquals(0, registry.find("ft.circuitbreaker.state.total").tag("partition", "host-a").meters().size());
        assertEquals(1.0, calls("host-c", "success").counter().count());
        partitions.call("host-a", ECHO, "x", null); // host-b is evicted in turn
        assertEquals(1.0, calls("host-a", "success").counter().count(), "fresh series, not the old count");
        assertNull(calls("host-b", "success").counter());
    }

    @Test
    void withoutTheTagThePartitionsShareTheMethodsSeries() throws Exception {
        Partitions partitions = partitions(10, false);
        partitions.call("host-a", ECHO, "x", null);
        partitions.call("host-b", ECHO, "x", null);

        assertEquals(2.0, calls(null, "success").counter().count());
        assertNull(registry.find("ft.circuitbreaker.calls.total").tagKeys("partition").counter());
    }

    @Test
    void withoutTheTagEveryPartitionsOpeningCountsAndTheStateGaugesStayOnePerMethod() throws Exception {
        Partitions partitions = partitions(10, false);
        for (String host : new String[] {"host-a", "host-b", "host-c"}) {
            for (int i = 0; i < 2; i++) {
                assertThrows(IllegalStateException.class, () -> partitions.call(host, FAIL, "x", null));
            }
            assertThrows(CircuitBreakerOpenException.class, () -> partitions.call(host, ECHO, "x", null));
        }

        assertEquals(3.0, registry.get("ft.circuitbreaker.opened.total").tag("method", METHOD).counter().count(),
                "each partition's breaker opened once");
        assertEquals(3.0, calls(null, "circuitBreakerOpen").counter().count());
        assertEquals(3, registry.find("ft.circuitbreaker.state.total").tag("method", METHOD).meters().size(),
                "one time gauge per state for the method, not one per partition");
    }
}

package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.SlowCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** The spec's metrics in the application's Micrometer registry, with SmallRye FT's names and tags. */
class MicrometerMetricsTest {

    @ApplicationScoped
    public static class Registry {
        static final SimpleMeterRegistry INSTANCE = new SimpleMeterRegistry();

        @Produces
        @ApplicationScoped
        MeterRegistry registry() {
            return INSTANCE;
        }
    }

    @ApplicationScoped
    public static class Service {
        @Retry(maxRetries = 2, jitter = 0)
        @Timeout(500)
        public String flaky() {
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1, delay = 60_000)
        @Bulkhead(3)
        public String guarded() {
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
        @SlowCall(threshold = 100)
        public String slow(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return "late";
        }

        @Retry
        public String unused() {
            return "never called";
        }
    }

    private static final String FLAKY = Service.class.getName() + ".flaky";
    private static final String GUARDED = Service.class.getName() + ".guarded";
    private static final String SLOW = Service.class.getName() + ".slow";

    private static double count(String name, String... tags) {
        var counter = Registry.INSTANCE.find(name).tags(tags).counter();
        assertNotNull(counter, () -> name + " " + String.join(",", tags) + " is not registered: "
                + Registry.INSTANCE.getMetersAsString());
        return counter.count();
    }

    @Test
    void shouldPublishTheSpecsMetricsWithSmallRyesNamesAndTags() {
        Registry.INSTANCE.clear();
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            assertEquals(0, count("ft.invocations.total", "method", Service.class.getName() + ".unused",
                    "result", "valueReturned", "fallback", "notDefined"), "registered at deployment");

            assertThrows(IllegalStateException.class, d.bean(Service.class)::flaky);
            assertEquals(1, count("ft.invocations.total", "method", FLAKY, "result", "exceptionThrown",
                    "fallback", "notDefined"));
            assertEquals(2, count("ft.retry.retries.total", "method", FLAKY));
            assertEquals(1, count("ft.retry.calls.total", "method", FLAKY, "retried", "true",
                    "retryResult", "maxRetriesReached"));
            assertEquals(3, count("ft.timeout.calls.total", "method", FLAKY, "timedOut", "false"));
            Timer timer = Registry.INSTANCE.find("ft.timeout.executionDuration").tags("method", FLAKY).timer();
            assertEquals(3, timer.count(), "a Micrometer Timer per attempt");

            assertThrows(IllegalStateException.class, d.bean(Service.class)::guarded);
            assertEquals(1, count("ft.circuitbreaker.calls.total", "method", GUARDED, "circuitBreakerResult",
                    "failure"));
            assertEquals(1, count("ft.circuitbreaker.opened.total", "method", GUARDED));
            assertEquals(1, Registry.INSTANCE.find("ft.circuitbreaker.state.current")
                    .tags("method", GUARDED, "state", "open").gauge().value(), "a live gauge");
            assertTrue(Registry.INSTANCE.find("ft.circuitbreaker.state.total").tags("method", GUARDED, "state",
                    "closed").timeGauge().value(TimeUnit.NANOSECONDS) >= 0);
            assertEquals(1, count("ft.bulkhead.calls.total", "method", GUARDED, "bulkheadResult", "accepted"));
            assertEquals(0, Registry.INSTANCE.find("ft.bulkhead.executionsRunning").tags("method", GUARDED).gauge()
                    .value());
            assertEquals(1, Registry.INSTANCE.find("ft.bulkhead.runningDuration").tags("method", GUARDED).timer()
                    .count());
        }
    }

    @Test
    void shouldCountSlowCallsApartSoThatAnOperatorSeesWhyTheBreakerOpened() throws Exception {
        Registry.INSTANCE.clear();
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            Service service = d.bean(Service.class);
            assertEquals("late", service.slow(0));
            assertEquals("late", service.slow(150));
            assertEquals(1, count("ft.circuitbreaker.calls.total", "method", SLOW, "circuitBreakerResult", "success"));
            assertEquals(1, count("ft.circuitbreaker.calls.total", "method", SLOW, "circuitBreakerResult", "slowCall"));
            assertEquals("late", service.slow(150));
            assertEquals(2, count("ft.circuitbreaker.calls.total", "method", SLOW, "circuitBreakerResult", "slowCall"));
            assertEquals(1, count("ft.circuitbreaker.opened.total", "method", SLOW), "two slow calls of two");
            assertThrows(CircuitBreakerOpenException.class, () -> service.slow(0));
            assertEquals(1, count("ft.circuitbreaker.calls.total", "method", SLOW, "circuitBreakerResult",
                    "circuitBreakerOpen"));
            assertNull(Registry.INSTANCE.find("ft.circuitbreaker.calls.total").tags("method", GUARDED,
                    "circuitBreakerResult", "slowCall").counter(), "only a breaker that judges slowness has it");
        }
    }

    @Test
    void shouldPublishNothingWhenMetricsAreDisabled() {
        Registry.INSTANCE.clear();
        try (Deployment d = Deployment.of(Map.of("MP_Fault_Tolerance_Metrics_Enabled", "false"), Service.class,
                Registry.class)) {
            assertThrows(IllegalStateException.class, d.bean(Service.class)::flaky);
            assertNull(Registry.INSTANCE.find("ft.invocations.total").counter());
        }
    }
}

package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/**
 * The spec's metrics in the base registry of an MP Metrics 5 implementation (SmallRye Metrics 5.1.0) on Weld. Runs in
 * its own surefire execution ({@code mp-metrics-5}), whose class path has MP Metrics 5 instead of 4; SmallRye Metrics
 * 5 is reached by name, since this module compiles against MP Metrics 4.
 */
class MpMetrics5Test {

    @ApplicationScoped
    public static class Service {
        @Retry(maxRetries = 2, jitter = 0)
        public String flaky() {
            throw new IllegalStateException("down");
        }
    }

    private static MetricRegistry base() throws ReflectiveOperationException {
        return (MetricRegistry) Class.forName("io.smallrye.metrics.SharedMetricRegistries")
                .getMethod("getOrCreate", String.class).invoke(null, "base");
    }

    @Test
    void shouldPublishToTheBaseRegistryOfMpMetrics5() throws Exception {
        Class<?> producer = Class.forName("io.smallrye.metrics.MetricRegistryProducer");
        try (Deployment d = Deployment.of(Service.class, producer)) {
            try {
                d.bean(Service.class).flaky();
            } catch (IllegalStateException expected) {
                // the retries ran out
            }
            String method = Service.class.getName() + ".flaky";
            Counter invocations = base().getCounters().get(new MetricID("ft.invocations.total",
                    new Tag("method", method), new Tag("result", "exceptionThrown"), new Tag("fallback", "notDefined")));
            MetricRegistry base = base();
            assertNotNull(invocations, () -> "not in the base registry: " + base.getMetricIDs());
            assertEquals(1, invocations.getCount());
            assertEquals(2, base().getCounters().get(new MetricID("ft.retry.retries.total", new Tag("method", method)))
                    .getCount());
        }
    }
}

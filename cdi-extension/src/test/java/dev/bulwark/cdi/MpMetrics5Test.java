package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bulwark.cdi.metrics.MetricsSetup;
import dev.bulwark.impl.chain.MetricsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

    /** An Instance that resolves nothing: a container where no MP Metrics 5 registry can be injected (Quarkus). */
    @SuppressWarnings("unchecked")
    private static Instance<Object> nothingResolvable() {
        return (Instance<Object>) Proxy.newProxyInstance(Instance.class.getClassLoader(), new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "select" -> nothingResolvable();
                    case "isResolvable", "isAmbiguous" -> false;
                    case "isUnsatisfied" -> true;
                    case "iterator" -> List.of().iterator();
                    case "stream" -> java.util.stream.Stream.empty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "nothing resolvable";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void shouldLogOneDebugLineNotAWarningWhenTheMpMetrics5RegistryCannotBeInjected() {
        Logger logger = Logger.getLogger("dev.bulwark.cdi.metrics");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            MetricsProvider provider = MetricsSetup.choose(true, nothingResolvable());
            assertSame(MetricsProvider.NOOP, provider, "nothing to publish to");
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertEquals(List.of(), records.stream().filter(r -> r.getLevel().intValue() > Level.FINE.intValue())
                .map(LogRecord::getMessage).toList(), "nothing above DEBUG");
        List<String> debug = records.stream().filter(r -> r.getLevel() == Level.FINE).map(LogRecord::getMessage)
                .filter(m -> m.contains("MP Metrics 5")).toList();
        assertEquals(1, debug.size(), debug::toString);
        assertEquals("The MP Metrics 5 API is present but its base registry cannot be injected here, so"
                + " fault-tolerance metrics are not published to MP Metrics (on Quarkus, use Micrometer)", debug.get(0));
    }
}

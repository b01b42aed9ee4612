package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.cdi.metrics.MetricsSetup;
import io.smallrye.metrics.MetricRegistries;
import io.smallrye.metrics.setup.MetricCdiInjectionExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Metrics reach MP Metrics (here SmallRye Metrics) with the spec's names and tags, and Bulwark's rate-limit one. */
class MetricsTest {

    private static final String METHOD = Metered.class.getName() + ".limited";

    @ApplicationScoped
    public static class Metered {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        @Retry(maxRetries = 1, jitter = 0, abortOn = RateLimitException.class)
        public String limited() {
            return "ok";
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        @Fallback(fallbackMethod = "later")
        public String withFallback() {
            return "now";
        }

        String later() {
            return "later";
        }
    }

    private WeldContainer weld;

    private WeldContainer start(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        weld = new Weld().disableDiscovery().addExtension(new BulwarkExtension())
                .addExtension(new MetricCdiInjectionExtension()).addBeanClasses(Metered.class).initialize();
        return weld;
    }

    @AfterEach
    void stop() {
        WeldTesting.stop(weld, Map.of(MetricsSetup.METRICS_ENABLED, ""));
        MetricRegistries.dropAll();
    }

    private static long count(String name, String... tags) {
        Tag[] t = new Tag[tags.length / 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
        }
        Counter counter = MetricRegistries.get(MetricRegistry.Type.BASE).getCounters().get(new MetricID(name, t));
        return counter == null ? -1 : counter.getCount();
    }

    @Test
    void shouldCountPermittedAndRejectedCallsAndTheInvocationsTheyEndIn() {
        Metered bean = start(Map.of()).select(Metered.class).get();
        assertEquals(0, count("ft.ratelimit.calls.total", "method", METHOD, "rateLimitResult", "permitted"),
                "registered at deployment, before any call");
        bean.limited();
        bean.limited();
        assertThrows(RateLimitException.class, bean::limited);

        assertEquals(2, count("ft.ratelimit.calls.total", "method", METHOD, "rateLimitResult", "permitted"));
        assertEquals(1, count("ft.ratelimit.calls.total", "method", METHOD, "rateLimitResult", "rejected"));
        assertEquals(2, count("ft.invocations.total", "method", METHOD, "result", "valueReturned",
                "fallback", "notDefined"));
        assertEquals(1, count("ft.invocations.total", "method", METHOD, "result", "exceptionThrown",
                "fallback", "notDefined"));
        assertEquals(1, count("ft.retry.calls.total", "method", METHOD, "retried", "false",
                "retryResult", "exceptionNotRetryable"));
    }

    @Test
    void shouldCountARejectionReplacedByAFallbackAsAnAppliedFallback() {
        Metered bean = start(Map.of()).select(Metered.class).get();
        String method = Metered.class.getName() + ".withFallback";
        assertEquals("now", bean.withFallback());
        assertEquals("later", bean.withFallback());
        assertEquals(1, count("ft.ratelimit.calls.total", "method", method, "rateLimitResult", "rejected"));
        assertEquals(1, count("ft.invocations.total", "method", method, "result", "valueReturned",
                "fallback", "applied"));
    }

    @Test
    void shouldRegisterNothingWhenMetricsAreDisabled() {
        Metered bean = start(Map.of(MetricsSetup.METRICS_ENABLED, "false")).select(Metered.class).get();
        bean.limited();
        assertTrue(MetricRegistries.get(MetricRegistry.Type.BASE).getMetricIDs().stream()
                .noneMatch(id -> id.getName().startsWith("ft.")));
    }
}

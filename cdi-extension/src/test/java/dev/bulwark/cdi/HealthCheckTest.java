package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitBreakerName;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;

/** The {@code bulwark-circuit-breakers} readiness check, read through SmallRye Health on Weld. */
class HealthCheckTest {

    @ApplicationScoped
    public static class Downstreams {
        @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1, delay = 60_000)
        @CircuitBreakerName("payments")
        public void payments() {
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1, delay = 60_000)
        public void search() {
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1, delay = 30)
        @CircuitBreakerName("quick")
        public void quick() {
            throw new IllegalStateException("down");
        }
    }

    private static final String SEARCH = Downstreams.class.getName() + ".search";

    private static JsonObject check(Deployment d) {
        SmallRyeHealth health = d.bean(SmallRyeHealthReporter.class).getReadiness();
        return health.getPayload().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("bulwark-circuit-breakers")).findFirst().orElseThrow();
    }

    private static Deployment deploy(Map<String, String> config) {
        return Deployment.of(config, Downstreams.class, SmallRyeHealthReporter.class, AsyncHealthCheckFactory.class,
                HealthRegistries.class);
    }

    @Test
    void shouldReportEveryBreakersStateAndStayUpByDefault() {
        try (Deployment d = deploy(Map.of())) {
            JsonObject closed = check(d);
            assertEquals("UP", closed.getString("status"));
            assertEquals("CLOSED", closed.getJsonObject("data").getString("payments"));
            assertEquals("CLOSED", closed.getJsonObject("data").getString(SEARCH));

            assertThrows(IllegalStateException.class, d.bean(Downstreams.class)::payments);
            JsonObject open = check(d);
            assertEquals("UP", open.getString("status"), "an open breaker is a healthy replica protecting itself");
            assertEquals("OPEN", open.getJsonObject("data").getString("payments"));
        }
    }

    @Test
    void shouldGoDownWhenANamedBreakerOpens() {
        try (Deployment d = deploy(Map.of("bulwark.health.down-when-open", "payments"))) {
            assertThrows(IllegalStateException.class, d.bean(Downstreams.class)::search);
            assertEquals("UP", check(d).getString("status"), "search is not on the list");
            assertThrows(IllegalStateException.class, d.bean(Downstreams.class)::payments);
            assertEquals("DOWN", check(d).getString("status"));
            assertEquals("DOWN", d.bean(SmallRyeHealthReporter.class).getReadiness().getPayload().getString("status"));
        }
    }

    @Test
    void shouldGoDownForEveryBreakerWithAStarAndAlsoWhenForcedOpenButNeverWhenHalfOpen() throws Exception {
        try (Deployment d = deploy(Map.of("bulwark.health.down-when-open", "*"))) {
            assertThrows(IllegalStateException.class, d.bean(Downstreams.class)::quick);
            assertEquals("DOWN", check(d).getString("status"));
            Thread.sleep(60);
            assertEquals("HALF_OPEN", check(d).getJsonObject("data").getString("quick"));
            assertEquals("UP", check(d).getString("status"), "half-open is never down");
            CircuitBreakerMaintenance.get().forceOpen(SEARCH);
            assertEquals("DOWN", check(d).getString("status"));
            assertEquals("FORCED_OPEN", check(d).getJsonObject("data").getString(SEARCH));
            CircuitBreakerMaintenance.get().reset(SEARCH);
            assertEquals("UP", check(d).getString("status"));
        }
    }
}

package dev.bulwark.it.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.it.app.Refined;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

/**
 * What an operator of a Helidon MP app sees: Bulwark's circuit-breaker readiness check on /health/ready, and the
 * spec's metrics in Helidon's own MP Metrics 5 base registry on /metrics.
 */
@HelidonTest
class HelidonOperationsTest {

    @Inject
    WebTarget http;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void shouldShowEveryBreakerInTheReadinessCheck() {
        breakers.forceOpen(Refined.BREAKER);
        try {
            JsonObject health = http.path("/health/ready").request().get(JsonObject.class);
            JsonObject check = health.getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .filter(c -> c.getString("name").equals("bulwark-circuit-breakers")).findFirst().orElseThrow();
            assertEquals("UP", check.getString("status"), "an open breaker does not make the replica unready");
            assertEquals("FORCED_OPEN", check.getJsonObject("data").getString(Refined.BREAKER));
        } finally {
            breakers.reset(Refined.BREAKER);
        }
    }

    @Test
    void shouldPublishTheSpecsMetricsToHelidonsBaseRegistry() {
        http.path("/ft/retry/retried").request().get(String.class);
        String scrape = http.path("/metrics").request(jakarta.ws.rs.core.MediaType.TEXT_PLAIN).get(String.class);
        org.junit.jupiter.api.Assertions.assertTrue(scrape.lines().anyMatch(l -> l.startsWith("ft_invocations_total{")
                && l.contains("method=\"dev.bulwark.it.app.Guarded.retried\"") && l.contains("scope=\"base\"")),
                () -> scrape.lines().filter(l -> l.startsWith("ft_")).limit(20).toList().toString());
    }
}

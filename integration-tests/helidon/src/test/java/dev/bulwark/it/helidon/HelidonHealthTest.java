package dev.bulwark.it.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.it.app.Refined;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

/** What an operator of a Helidon MP app sees on /health/ready: Bulwark's circuit-breaker readiness check. */
@HelidonTest
class HelidonHealthTest {

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
}

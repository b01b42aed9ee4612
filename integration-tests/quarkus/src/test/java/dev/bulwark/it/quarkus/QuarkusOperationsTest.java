package dev.bulwark.it.quarkus;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.it.app.Refined;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What an operator of a Quarkus app sees: the readiness check and the Prometheus scrape. */
@QuarkusTest
class QuarkusOperationsTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void shouldShowEveryBreakerInTheReadinessCheck() {
        breakers.forceOpen(Refined.BREAKER);
        try {
            get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'bulwark-circuit-breakers' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'bulwark-circuit-breakers' }.data.'" + Refined.BREAKER + "'",
                            equalTo("FORCED_OPEN"))
                    .body("checks.find { it.name == 'bulwark-circuit-breakers' }.data.'dev.bulwark.it.app.Guarded"
                            + ".breaker'", notNullValue()); // another test may have opened it
        } finally {
            breakers.reset(Refined.BREAKER);
        }
    }

    @Test
    void shouldPublishTheSpecsMetricsToPrometheus() {
        get("/ft/retry/retried");
        get("/q/metrics").then().statusCode(200)
                .body(containsString("ft_invocations_total{fallback=\"notDefined\",method=\"dev.bulwark.it.app"
                        + ".Guarded.retried\",result=\"exceptionThrown\"}"))
                .body(containsString("ft_retry_retries_total{method=\"dev.bulwark.it.app.Guarded.retried\"}"));
    }
}

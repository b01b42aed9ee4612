package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CircuitState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * Two containers in one JVM (tests, app servers) with a breaker of the same name: each deployment's maintenance
 * bean sees and controls its own breaker. They used to share one JVM-wide directory, where the later breaker
 * silently replaced the earlier, so forcing one deployment's breaker forced the other's.
 */
class TwoDeploymentsTest {

    @ApplicationScoped
    public static class Inventory {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
        @CircuitBreakerName("inventory")
        public String stock() {
            return "42";
        }
    }

    @Test
    void shouldKeepEachDeploymentsBreakersApart() {
        try (Deployment first = Deployment.of(Inventory.class); Deployment second = Deployment.of(Inventory.class)) {
            CircuitBreakerMaintenance firstBreakers = first.bean(CircuitBreakerMaintenance.class);
            CircuitBreakerMaintenance secondBreakers = second.bean(CircuitBreakerMaintenance.class);

            firstBreakers.forceOpen("inventory");
            assertThrows(CircuitBreakerOpenException.class, first.bean(Inventory.class)::stock);
            assertEquals(CircuitState.FORCED_OPEN, firstBreakers.currentState("inventory"));
            assertEquals(CircuitState.CLOSED, secondBreakers.currentState("inventory"), "the other deployment's own");
            assertEquals("42", second.bean(Inventory.class).stock());

            secondBreakers.forceOpen("inventory");
            firstBreakers.reset("inventory");
            assertEquals("42", first.bean(Inventory.class).stock());
            assertThrows(CircuitBreakerOpenException.class, second.bean(Inventory.class)::stock);
        }
    }
}

package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * The rate limit sits inside the circuit breaker. A refused call never reached the downstream, so it is not a
 * breaker failure, not even under the default {@code failOn = Throwable}; only a failOn naming RateLimitException
 * makes it one.
 */
class RateLimitWithCircuitBreakerTest {

    @ApplicationScoped
    public static class Guarded {
        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        public String notCounted() {
            return "ok";
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS,
                failOn = RateLimitException.class)
        public String counted() {
            return "ok";
        }
    }

    private static CircuitState state(String method) {
        return CircuitBreakerMaintenance.get().breaker(Guarded.class.getName() + "." + method).state();
    }

    @Test
    void shouldNotOpenTheBreakerOnRefusals() {
        try (Deployment d = Deployment.of(Guarded.class)) {
            Guarded bean = d.bean(Guarded.class);
            assertEquals("ok", bean.notCounted());
            for (int i = 0; i < 5; i++) {
                assertThrows(RateLimitException.class, bean::notCounted);
            }
            assertEquals(CircuitState.CLOSED, state("notCounted"));
        }
    }

    @Test
    void shouldOpenTheBreakerOnRefusalsWhenFailOnNamesRateLimitException() {
        try (Deployment d = Deployment.of(Guarded.class)) {
            Guarded bean = d.bean(Guarded.class);
            assertEquals("ok", bean.counted());
            assertThrows(RateLimitException.class, bean::counted);
            assertThrows(RateLimitException.class, bean::counted);
            assertThrows(CircuitBreakerOpenException.class, bean::counted);
            assertEquals(CircuitState.OPEN, state("counted"));
        }
    }
}

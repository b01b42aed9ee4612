package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** Config overrides of the exception lists (a comma-separated list of class names) change what each strategy does. */
class ExceptionListOverrideTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @ApplicationScoped
    public static class Lists {
        @Retry(maxRetries = 2, jitter = 0, retryOn = IllegalArgumentException.class)
        public void retriedOnlyOnIllegalArgument() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS,
                failOn = IllegalArgumentException.class)
        public void failsOnlyOnIllegalArgument() {
            throw new IllegalStateException("down");
        }

        @Fallback(fallbackMethod = "fallback", skipOn = IllegalStateException.class)
        public String skipsIllegalState() {
            throw new IllegalStateException("down");
        }

        String fallback() {
            return "fallback";
        }
    }

    private static final String LISTS = Lists.class.getName();

    @Test
    void shouldRetryOnTheExceptionsNamedInConfig() {
        Map<String, String> config = Map.of(LISTS + "/retriedOnlyOnIllegalArgument/Retry/retryOn",
                "java.lang.IllegalArgumentException, java.lang.IllegalStateException");
        try (Deployment d = Deployment.of(config, Lists.class)) {
            ATTEMPTS.set(0);
            assertThrows(IllegalStateException.class, d.bean(Lists.class)::retriedOnlyOnIllegalArgument);
            assertEquals(3, ATTEMPTS.get());
        }
    }

    @Test
    void shouldNotRetryWithoutTheOverride() {
        try (Deployment d = Deployment.of(Lists.class)) {
            ATTEMPTS.set(0);
            assertThrows(IllegalStateException.class, d.bean(Lists.class)::retriedOnlyOnIllegalArgument);
            assertEquals(1, ATTEMPTS.get());
        }
    }

    @Test
    void shouldCountTheFailuresNamedInConfig() {
        Map<String, String> config = Map.of(LISTS + "/failsOnlyOnIllegalArgument/CircuitBreaker/failOn",
                "java.lang.RuntimeException");
        try (Deployment d = Deployment.of(config, Lists.class)) {
            Lists bean = d.bean(Lists.class);
            assertThrows(IllegalStateException.class, bean::failsOnlyOnIllegalArgument);
            assertThrows(IllegalStateException.class, bean::failsOnlyOnIllegalArgument);
            assertThrows(CircuitBreakerOpenException.class, bean::failsOnlyOnIllegalArgument);
        }
    }

    @Test
    void shouldFallBackOnAnExceptionNoLongerSkippedInConfig() {
        // An override replaces the annotation's list; an empty one is no value at all, so name something else.
        Map<String, String> config = Map.of(LISTS + "/skipsIllegalState/Fallback/skipOn",
                "java.lang.IllegalArgumentException");
        try (Deployment d = Deployment.of(config, Lists.class)) {
            assertEquals("fallback", d.bean(Lists.class).skipsIllegalState());
        }
    }
}

package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/** The rate limit sits inside retry: every attempt asks for its own permit, and a refused attempt is retried. */
class RateLimitWithRetryTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @ApplicationScoped
    public static class Retried {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        @Retry(maxRetries = 3, jitter = 0)
        public void alwaysFails() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        // A second call within 100 ms is refused; retrying every 10 ms gets it through once the spacing is over.
        @RateLimit(value = 1000, window = 1, windowUnit = ChronoUnit.HOURS, minSpacing = 100)
        @Retry(maxRetries = 100, delay = 10, jitter = 0, maxDuration = 1, durationUnit = ChronoUnit.MINUTES)
        public String spaced() {
            ATTEMPTS.incrementAndGet();
            return "ok";
        }

        // The same without retrying refusals: shows that a second call at once is indeed refused.
        @RateLimit(value = 1000, window = 1, windowUnit = ChronoUnit.HOURS, minSpacing = 1,
                minSpacingUnit = ChronoUnit.HOURS)
        @Retry(maxRetries = 100, delay = 10, jitter = 0, abortOn = RateLimitException.class)
        public String spacedNotRetried() {
            ATTEMPTS.incrementAndGet();
            return "ok";
        }
    }

    @Test
    void shouldTakeOnePermitPerAttempt() {
        try (Deployment d = Deployment.of(Retried.class)) {
            ATTEMPTS.set(0);
            // Attempts 1 and 2 get permits and fail; 3 and 4 are refused, so the caller sees the refusal.
            assertThrows(RateLimitException.class, d.bean(Retried.class)::alwaysFails);
            assertEquals(2, ATTEMPTS.get());
        }
    }

    @Test
    void shouldRetryARefusedAttempt() {
        try (Deployment d = Deployment.of(Retried.class)) {
            Retried bean = d.bean(Retried.class);
            ATTEMPTS.set(0);
            assertEquals("ok", bean.spaced());
            assertEquals("ok", bean.spaced());
            assertEquals(2, ATTEMPTS.get(), "a refused attempt never reaches the method");
        }
    }

    @Test
    void shouldRefuseACallAtOnceWhenRetryAbortsOnRefusals() {
        try (Deployment d = Deployment.of(Retried.class)) {
            Retried bean = d.bean(Retried.class);
            ATTEMPTS.set(0);
            assertEquals("ok", bean.spacedNotRetried());
            assertThrows(RateLimitException.class, bean::spacedNotRetried);
            assertEquals(1, ATTEMPTS.get());
        }
    }
}

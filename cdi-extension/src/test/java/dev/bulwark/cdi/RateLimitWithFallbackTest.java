package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.junit.jupiter.api.Test;

/** A refusal is an ordinary failure to the fallback outside the rate limit. */
class RateLimitWithFallbackTest {

    @ApplicationScoped
    public static class WithFallback {
        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        @Fallback(NamesTheFailure.class)
        public String handled() {
            return "ok";
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        @Fallback(fallbackMethod = "cached")
        public String withMethod(String key) {
            return "fresh " + key;
        }

        String cached(String key) {
            return "cached " + key;
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        @Fallback(fallbackMethod = "cached", skipOn = RateLimitException.class)
        public String skipped(String key) {
            return "fresh " + key;
        }
    }

    @Dependent
    public static class NamesTheFailure implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "fallback after " + context.getFailure().getClass().getSimpleName();
        }
    }

    @Test
    void shouldHandAFallbackHandlerTheRateLimitException() {
        try (Deployment d = Deployment.of(WithFallback.class, NamesTheFailure.class)) {
            WithFallback bean = d.bean(WithFallback.class);
            assertEquals("ok", bean.handled());
            assertEquals("fallback after RateLimitException", bean.handled());
        }
    }

    @Test
    void shouldCallTheFallbackMethodWhenRefused() {
        try (Deployment d = Deployment.of(WithFallback.class, NamesTheFailure.class)) {
            WithFallback bean = d.bean(WithFallback.class);
            assertEquals("fresh a", bean.withMethod("a"));
            assertEquals("cached b", bean.withMethod("b"));
        }
    }

    @Test
    void shouldLetTheRefusalThroughWhenTheFallbackSkipsIt() {
        try (Deployment d = Deployment.of(WithFallback.class, NamesTheFailure.class)) {
            WithFallback bean = d.bean(WithFallback.class);
            assertEquals("fresh a", bean.skipped("a"));
            assertThrows(RateLimitException.class, () -> bean.skipped("b"));
        }
    }
}

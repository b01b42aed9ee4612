package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.SlidingTimeWindow;
import dev.bulwark.api.SlowCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** {@code @SlidingTimeWindow} and {@code @SlowCall} on CDI beans, their config and their deployment errors. */
class BreakerWindowCdiTest {

    @ApplicationScoped
    public static class Downstream {
        @CircuitBreaker(requestVolumeThreshold = 3, failureRatio = 0.5, delay = 60_000)
        @SlidingTimeWindow(60)
        public void call(boolean fail) {
            if (fail) {
                throw new IllegalStateException("down");
            }
        }

        @CircuitBreaker(requestVolumeThreshold = 2, delay = 60_000)
        @SlowCall(threshold = 20)
        public void slow() throws InterruptedException {
            Thread.sleep(30);
        }
    }

    private static void fails(Downstream d, int n) {
        for (int i = 0; i < n; i++) {
            assertThrows(IllegalStateException.class, () -> d.call(true));
        }
    }

    @Test
    void shouldJudgeTheFailuresOfTheWholeTimeWindow() {
        try (Deployment deployment = Deployment.of(Downstream.class)) {
            Downstream d = deployment.bean(Downstream.class);
            for (int i = 0; i < 10; i++) {
                d.call(false);
            }
            // A count window of 3 would have opened on the 2nd failure; the last minute holds 10 successes.
            fails(d, 9);
            d.call(false); // 9 of 20 failed: still closed
            fails(d, 1); // 10 of 21: still under half
            d.call(false); // so this one runs
            fails(d, 2); // 12 of 24: half
            assertThrows(CircuitBreakerOpenException.class, () -> d.call(false));
        }
    }

    @Test
    void shouldOpenOnSlowCalls() throws Exception {
        try (Deployment deployment = Deployment.of(Downstream.class)) {
            Downstream d = deployment.bean(Downstream.class);
            d.slow();
            d.slow();
            assertThrows(CircuitBreakerOpenException.class, d::slow, "both calls answered, but too slowly");
        }
    }

    @Test
    void shouldTakeTheirSettingsFromConfig() throws Exception {
        String key = Downstream.class.getName() + "/slow/SlowCall/threshold";
        try (Deployment deployment = Deployment.of(Map.of(key, "10000"), Downstream.class)) {
            Downstream d = deployment.bean(Downstream.class);
            for (int i = 0; i < 3; i++) {
                d.slow(); // 30 ms is not slow against 10 s
            }
        }
    }

    @ApplicationScoped
    public static class NoBreaker {
        @SlidingTimeWindow(10)
        public void window() {
        }

        @SlowCall(threshold = 10)
        public void slow() {
        }
    }

    @Test
    void shouldRefuseInvalidWindowsAndSlowCalls() {
        String window = Downstream.class.getName() + "/call/SlidingTimeWindow/";
        String slow = Downstream.class.getName() + "/slow/SlowCall/";
        assertTrue(DefinitionErrors.definitionError(Map.of(window + "buckets", "0"), Downstream.class).getMessage()
                .contains("buckets must be between 1 and 1000, was 0 (from config key " + window + "buckets)"));
        assertTrue(DefinitionErrors.definitionError(Map.of(window + "value", "0"), Downstream.class).getMessage()
                .contains("value must be >= 1"));
        assertTrue(DefinitionErrors.definitionError(Map.of(window + "unit", "FORTNIGHTS"), Downstream.class)
                .getMessage().contains(window + "unit must be one of"));
        assertTrue(DefinitionErrors.definitionError(Map.of(slow + "ratio", "0"), Downstream.class).getMessage()
                .contains("ratio must be over 0 and at most 1"));
        assertTrue(DefinitionErrors.definitionError(Map.of(slow + "threshold", "0"), Downstream.class).getMessage()
                .contains("threshold must be >= 1"));
        // Every bad value of one annotation is reported, not only the first.
        String both = DefinitionErrors.definitionError(Map.of(window + "value", "0", window + "buckets", "0"),
                Downstream.class).getMessage();
        assertTrue(both.contains("value must be >= 1") && both.contains("buckets must be between 1 and 1000"), both);
        String slowBoth = DefinitionErrors.definitionError(Map.of(slow + "threshold", "0", slow + "ratio", "2"),
                Downstream.class).getMessage();
        assertTrue(slowBoth.contains("threshold must be >= 1") && slowBoth.contains("ratio must be over 0"), slowBoth);
        String orphans = DefinitionErrors.definitionError(NoBreaker.class).getMessage();
        assertTrue(orphans.contains("@SlidingTimeWindow needs @CircuitBreaker"), orphans);
        assertTrue(orphans.contains("@SlowCall needs @CircuitBreaker"), orphans);
    }
}

package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RetryBudget;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/** {@code @RetryBudget} on CDI beans: the cap, sharing by name, config, the metric and deployment errors. */
class RetryBudgetCdiTest {

    @ApplicationScoped
    public static class Downstream {
        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        @RetryBudget(ratio = 0, minPerSecond = 1, ttl = 1)
        public void own() {
            FailingCalls.fail();
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        @RetryBudget(value = "inventory", ratio = 0, minPerSecond = 2, ttl = 1)
        public void stock() {
            FailingCalls.fail();
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        @RetryBudget(value = "inventory", ratio = 0, minPerSecond = 2, ttl = 1)
        public void reserve() {
            FailingCalls.fail();
        }
    }

    @Test
    void shouldEndTheCallWithItsFailureOnceTheBudgetIsSpent() {
        try (Deployment d = Deployment.of(Downstream.class, MicrometerMetricsTest.Registry.class)) {
            Downstream downstream = d.bean(Downstream.class);
            assertEquals(2, FailingCalls.attempts(downstream::own), "the reserve allows 1 retry per second");
            assertEquals(1, FailingCalls.attempts(downstream::own), "the budget is empty: no retry");
            MeterRegistry registry = d.bean(MeterRegistry.class);
            double exhausted = registry.get("ft.retry.calls.total").tag("method", Downstream.class.getName() + ".own")
                    .tag("retryResult", "retryBudgetExhausted").counter().count();
            assertEquals(1.0, exhausted);
        }
    }

    @Test
    void shouldShareABudgetBetweenTheMethodsThatNameIt() {
        try (Deployment d = Deployment.of(Downstream.class)) {
            Downstream downstream = d.bean(Downstream.class);
            assertEquals(3, FailingCalls.attempts(downstream::stock), "2 retries, the whole shared budget");
            assertEquals(1, FailingCalls.attempts(downstream::reserve), "nothing left for the other method");
        }
    }

    @Test
    void shouldTakeItsSettingsFromConfig() {
        try (Deployment d = Deployment.of(Map.of(Downstream.class.getName() + "/own/RetryBudget/minPerSecond", "3"),
                Downstream.class)) {
            assertEquals(4, FailingCalls.attempts(d.bean(Downstream.class)::own), "maxRetries 3 within a reserve of 3");
        }
    }

    @Test
    void shouldBeOffWithItsEnabledKey() {
        try (Deployment d = Deployment.of(Map.of("RetryBudget/enabled", "false"), Downstream.class)) {
            assertEquals(4, FailingCalls.attempts(d.bean(Downstream.class)::own));
            assertEquals(4, FailingCalls.attempts(d.bean(Downstream.class)::own), "no budget: every call retries fully");
        }
    }

    @ApplicationScoped
    public static class NoRetry {
        @RetryBudget
        public void call() {
        }
    }

    @ApplicationScoped
    public static class Disagreeing {
        @Retry
        @RetryBudget(value = "shared", ratio = 0.2)
        public void one() {
        }

        @Retry
        @RetryBudget(value = "shared", ratio = 0.5)
        public void two() {
        }
    }

    @Test
    void shouldRefuseInvalidBudgets() {
        String own = Downstream.class.getName() + "/own/RetryBudget/";
        assertTrue(DefinitionErrors.definitionError(Map.of(own + "ratio", "1001"), Downstream.class).getMessage()
                .contains("ratio must be between 0 and 1000, was 1001.0 (from config key " + own + "ratio)"));
        assertTrue(DefinitionErrors.definitionError(Map.of(own + "ttl", "0"), Downstream.class).getMessage()
                .contains("ttl must be between 1 s and 60 s"));
        assertTrue(DefinitionErrors.definitionError(Map.of(own + "ttl", "61"), Downstream.class).getMessage()
                .contains("ttl must be between 1 s and 60 s"));
        assertTrue(DefinitionErrors.definitionError(Map.of(own + "minPerSecond", "-1"), Downstream.class)
                .getMessage().contains("minPerSecond must be >= 0"));
        assertTrue(DefinitionErrors.definitionError(Map.of(own + "ratio", "lots"), Downstream.class).getMessage()
                .contains(own + "ratio must be a number, was lots"));
        assertTrue(DefinitionErrors.definitionError(NoRetry.class).getMessage()
                .contains("@RetryBudget needs @Retry on the method or its class"));
        String disagreeing = DefinitionErrors.definitionError(Disagreeing.class).getMessage();
        assertTrue(disagreeing.contains("@RetryBudget \"shared\" is shared with"), disagreeing);
    }
}

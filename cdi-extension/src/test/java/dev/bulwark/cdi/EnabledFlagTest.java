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

/**
 * {@code <A>/enabled} at method, class and global level (most specific wins) and
 * {@code MP_Fault_Tolerance_NonFallback_Enabled}, which switches off everything but {@code @Fallback} unless an
 * {@code enabled} key says otherwise.
 */
class EnabledFlagTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @ApplicationScoped
    public static class RetryA {
        @Retry(maxRetries = 2, jitter = 0)
        public void first() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        @Retry(maxRetries = 2, jitter = 0)
        public void second() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 2, jitter = 0)
    public static class RetryB {
        public void first() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    @ApplicationScoped
    public static class AllKinds {
        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        public String retriedThenFallback() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        String fallback() {
            return "fallback";
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        public void breaking() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    private static final String A = RetryA.class.getName();

    private static int attempts(Runnable call) {
        ATTEMPTS.set(0);
        assertThrows(IllegalStateException.class, call::run);
        return ATTEMPTS.get();
    }

    /** Calls {@code breaking} five times: a breaker in force opens after the second failure. */
    private static void assertBreakerNeverOpens(AllKinds bean) {
        ATTEMPTS.set(0);
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalStateException.class, bean::breaking);
        }
        assertEquals(5, ATTEMPTS.get());
    }

    @Test
    void shouldDisableRetryEverywhereWithTheGlobalFlag() {
        try (Deployment d = Deployment.of(Map.of("Retry/enabled", "false"), RetryA.class, RetryB.class)) {
            assertEquals(1, attempts(d.bean(RetryA.class)::first));
            assertEquals(1, attempts(d.bean(RetryB.class)::first));
        }
    }

    @Test
    void shouldReEnableOneMethodWithTheMethodFlagWhenDisabledGlobally() {
        Map<String, String> config = Map.of("Retry/enabled", "false", A + "/first/Retry/enabled", "true");
        try (Deployment d = Deployment.of(config, RetryA.class, RetryB.class)) {
            assertEquals(3, attempts(d.bean(RetryA.class)::first));
            assertEquals(1, attempts(d.bean(RetryA.class)::second));
            assertEquals(1, attempts(d.bean(RetryB.class)::first));
        }
    }

    @Test
    void shouldDisableOneClassWithTheClassFlag() {
        try (Deployment d = Deployment.of(Map.of(A + "/Retry/enabled", "false"), RetryA.class, RetryB.class)) {
            assertEquals(1, attempts(d.bean(RetryA.class)::first));
            assertEquals(1, attempts(d.bean(RetryA.class)::second));
            assertEquals(3, attempts(d.bean(RetryB.class)::first));
        }
    }

    @Test
    void shouldPreferTheClassFlagToTheGlobalFlag() {
        Map<String, String> config = Map.of("Retry/enabled", "false", A + "/Retry/enabled", "true");
        try (Deployment d = Deployment.of(config, RetryA.class, RetryB.class)) {
            assertEquals(3, attempts(d.bean(RetryA.class)::first));
            assertEquals(1, attempts(d.bean(RetryB.class)::first));
        }
    }

    @Test
    void shouldPreferTheMethodFlagToTheClassFlag() {
        Map<String, String> config = Map.of(A + "/Retry/enabled", "false", A + "/second/Retry/enabled", "true");
        try (Deployment d = Deployment.of(config, RetryA.class)) {
            assertEquals(1, attempts(d.bean(RetryA.class)::first));
            assertEquals(3, attempts(d.bean(RetryA.class)::second));
        }
    }

    @Test
    void shouldKeepTheBreakerClosedWhenItIsDisabled() {
        try (Deployment d = Deployment.of(Map.of("CircuitBreaker/enabled", "false"), AllKinds.class)) {
            assertBreakerNeverOpens(d.bean(AllKinds.class));
        }
    }

    @Test
    void shouldOpenTheBreakerWhenNothingIsDisabled() {
        try (Deployment d = Deployment.of(AllKinds.class)) {
            AllKinds bean = d.bean(AllKinds.class);
            assertThrows(IllegalStateException.class, bean::breaking);
            assertThrows(IllegalStateException.class, bean::breaking);
            assertThrows(CircuitBreakerOpenException.class, bean::breaking);
        }
    }

    @Test
    void shouldThrowInsteadOfFallingBackWhenFallbackIsDisabled() {
        try (Deployment d = Deployment.of(Map.of("Fallback/enabled", "false"), AllKinds.class)) {
            assertEquals(3, attempts(d.bean(AllKinds.class)::retriedThenFallback));
        }
    }

    @Test
    void shouldDisableEverythingButFallbackWhenNonFallbackIsDisabled() {
        try (Deployment d = Deployment.of(Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"),
                AllKinds.class)) {
            AllKinds bean = d.bean(AllKinds.class);
            ATTEMPTS.set(0);
            assertEquals("fallback", bean.retriedThenFallback());
            assertEquals(1, ATTEMPTS.get(), "not retried");
            assertBreakerNeverOpens(bean);
        }
    }

    @Test
    void shouldLetAnEnabledFlagWinOverNonFallbackDisabled() {
        Map<String, String> config = Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false",
                "Retry/enabled", "true");
        try (Deployment d = Deployment.of(config, AllKinds.class)) {
            AllKinds bean = d.bean(AllKinds.class);
            ATTEMPTS.set(0);
            assertEquals("fallback", bean.retriedThenFallback());
            assertEquals(3, ATTEMPTS.get(), "retried again");
            assertBreakerNeverOpens(bean);
        }
    }
}

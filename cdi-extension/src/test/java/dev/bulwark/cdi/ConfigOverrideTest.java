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
 * MicroProfile Config overrides of annotation parameters, most specific first: {@code <class>/<method>/<A>/<p>},
 * then {@code <class>/<A>/<p>} (only for an annotation placed on the class), then {@code <A>/<p>}. Each test checks
 * what the guarded method does (attempts made, breaker opening, fallback used), not the parsed value.
 */
class ConfigOverrideTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @ApplicationScoped
    public static class MethodRetry {
        @Retry(maxRetries = 1, jitter = 0)
        public void first() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        @Retry(maxRetries = 1, jitter = 0)
        public void second() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 1, jitter = 0)
    public static class ClassRetry {
        public void first() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        public void second() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    /** Not a bean: its annotations reach the bean class below by inheritance. */
    @Retry(maxRetries = 1, jitter = 0)
    public static class RetryingParent {
        public void inherited() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        @Retry(maxRetries = 1, jitter = 0)
        public void ownMethod() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    @ApplicationScoped
    public static class RetryingChild extends RetryingParent {
    }

    /** Class-level retry that one method replaces with its own. */
    @ApplicationScoped
    @Retry(maxRetries = 1, jitter = 0)
    public static class MixedRetry {
        public void inherited() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        @Retry(maxRetries = 2, jitter = 0)
        public void own() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("down");
        }
    }

    @ApplicationScoped
    public static class Breaker {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        public void fail() {
            throw new IllegalStateException("down");
        }
    }

    @ApplicationScoped
    public static class TwoFallbacks {
        @Fallback(fallbackMethod = "stale")
        public String get() {
            throw new IllegalStateException("down");
        }

        String stale() {
            return "stale";
        }

        String fresh() {
            return "fresh";
        }
    }

    private static final String METHOD_RETRY = MethodRetry.class.getName();
    private static final String CLASS_RETRY = ClassRetry.class.getName();

    /** How many times {@code call} ran its method before its failure reached the caller. */
    private static int attempts(Runnable call) {
        ATTEMPTS.set(0);
        assertThrows(IllegalStateException.class, call::run);
        return ATTEMPTS.get();
    }

    @Test
    void shouldFollowTheAnnotationWhenNoKeyIsSet() {
        try (Deployment d = Deployment.of(MethodRetry.class, ClassRetry.class)) {
            assertEquals(2, attempts(d.bean(MethodRetry.class)::first));
            assertEquals(2, attempts(d.bean(ClassRetry.class)::first));
        }
    }

    @Test
    void shouldApplyTheGlobalKeyToMethodAndClassLevelAnnotations() {
        try (Deployment d = Deployment.of(Map.of("Retry/maxRetries", "3"), MethodRetry.class, ClassRetry.class)) {
            assertEquals(4, attempts(d.bean(MethodRetry.class)::first));
            assertEquals(4, attempts(d.bean(ClassRetry.class)::second));
        }
    }

    @Test
    void shouldPreferTheClassKeyToTheGlobalKeyWhenTheAnnotationIsOnTheClass() {
        Map<String, String> config = Map.of(
                "Retry/maxRetries", "3",
                CLASS_RETRY + "/Retry/maxRetries", "2");
        try (Deployment d = Deployment.of(config, MethodRetry.class, ClassRetry.class)) {
            assertEquals(3, attempts(d.bean(ClassRetry.class)::first));
            assertEquals(3, attempts(d.bean(ClassRetry.class)::second));
            assertEquals(4, attempts(d.bean(MethodRetry.class)::first), "another class keeps the global value");
        }
    }

    @Test
    void shouldIgnoreTheClassKeyWhenTheAnnotationIsOnTheMethod() {
        Map<String, String> config = Map.of(METHOD_RETRY + "/Retry/maxRetries", "4");
        try (Deployment d = Deployment.of(config, MethodRetry.class)) {
            assertEquals(2, attempts(d.bean(MethodRetry.class)::first));
        }
    }

    @Test
    void shouldPreferTheMethodKeyToTheClassAndGlobalKeys() {
        Map<String, String> config = Map.of(
                "Retry/maxRetries", "3",
                CLASS_RETRY + "/Retry/maxRetries", "2",
                CLASS_RETRY + "/first/Retry/maxRetries", "0",
                METHOD_RETRY + "/first/Retry/maxRetries", "5");
        try (Deployment d = Deployment.of(config, MethodRetry.class, ClassRetry.class)) {
            assertEquals(3, attempts(d.bean(ClassRetry.class)::first), "a method key of a class-level annotation is"
                    + " ignored");
            assertEquals(3, attempts(d.bean(ClassRetry.class)::second), "both keep the class key");
            assertEquals(6, attempts(d.bean(MethodRetry.class)::first));
            assertEquals(4, attempts(d.bean(MethodRetry.class)::second), "the sibling keeps the global key");
        }
    }

    @Test
    void shouldOpenTheBreakerAfterTheOverriddenRequestVolume() {
        Map<String, String> config = Map.of(Breaker.class.getName() + "/fail/CircuitBreaker/requestVolumeThreshold",
                "4");
        try (Deployment d = Deployment.of(config, Breaker.class)) {
            Breaker breaker = d.bean(Breaker.class);
            for (int i = 0; i < 4; i++) {
                assertThrows(IllegalStateException.class, breaker::fail, "call " + (i + 1) + " reaches the method");
            }
            assertThrows(CircuitBreakerOpenException.class, breaker::fail);
        }
    }

    @Test
    void shouldCallTheFallbackMethodNamedInConfig() {
        Map<String, String> config = Map.of(TwoFallbacks.class.getName() + "/get/Fallback/fallbackMethod", "fresh");
        try (Deployment d = Deployment.of(config, TwoFallbacks.class)) {
            assertEquals("fresh", d.bean(TwoFallbacks.class).get());
        }
    }

    @Test
    void shouldIgnoreAMethodKeyWhenTheAnnotationIsOnTheClass() {
        // configuration.asciidoc: "if the annotation Retry is specified on the class level for the class
        // com.acme.ClassA, which has method methodB, the config property com.acme.ClassA/methodB/Retry/maxRetries
        // will be ignored".
        Map<String, String> config = Map.of(CLASS_RETRY + "/second/Retry/maxRetries", "4");
        try (Deployment d = Deployment.of(config, ClassRetry.class)) {
            assertEquals(2, attempts(d.bean(ClassRetry.class)::second));
            assertEquals(2, attempts(d.bean(ClassRetry.class)::first));
        }
    }

    @Test
    void shouldApplyTheClassKeyOnlyToMethodsThatUseTheClassLevelAnnotation() {
        Map<String, String> config = Map.of(MixedRetry.class.getName() + "/Retry/maxRetries", "4");
        try (Deployment d = Deployment.of(config, MixedRetry.class)) {
            assertEquals(5, attempts(d.bean(MixedRetry.class)::inherited));
            assertEquals(3, attempts(d.bean(MixedRetry.class)::own), "its own annotation is on the method");
        }
    }

    @Test
    void shouldApplyTheKeysOfTheClassThatDeclaresAnInheritedAnnotation() {
        // configuration.asciidoc: "<classname> ... must be the class name ... where the annotation is declared upon".
        String parent = RetryingParent.class.getName();
        Map<String, String> config = Map.of(parent + "/Retry/maxRetries", "4", parent + "/ownMethod/Retry/maxRetries",
                "2");
        try (Deployment d = Deployment.of(config, RetryingChild.class)) {
            assertEquals(5, attempts(d.bean(RetryingChild.class)::inherited));
            assertEquals(3, attempts(d.bean(RetryingChild.class)::ownMethod));
        }
    }

    @Test
    void shouldPreferTheBeanClassKeyToTheDeclaringClassKey() {
        String parent = RetryingParent.class.getName();
        String child = RetryingChild.class.getName();
        Map<String, String> config = Map.of(parent + "/Retry/maxRetries", "4", child + "/Retry/maxRetries", "2",
                parent + "/ownMethod/Retry/maxRetries", "4", child + "/ownMethod/Retry/maxRetries", "0");
        try (Deployment d = Deployment.of(config, RetryingChild.class)) {
            assertEquals(3, attempts(d.bean(RetryingChild.class)::inherited));
            assertEquals(1, attempts(d.bean(RetryingChild.class)::ownMethod));
        }
    }
}

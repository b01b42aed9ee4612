package dev.bulwark.it.quarkus.failing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.ExponentialBackoff;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Quarkus app with invalid annotations does not start: one FaultToleranceDefinitionException lists every
 * problem, worded as on Weld. (The main app's test config excludes this package from its beans.)
 */
class InvalidDefinitionTest {

    @ApplicationScoped
    public static class Invalid {
        @Retry(maxRetries = -3)
        @CircuitBreaker(failureRatio = 1.5)
        public String call() {
            return "never";
        }

        @Fallback(fallbackMethod = "missing")
        public String withoutFallback() {
            return "never";
        }

        @ExponentialBackoff
        public String backoffWithoutRetry() {
            return "never";
        }

        @CircuitBreaker
        @CircuitBreakerName("twice")
        public String first() {
            return "never";
        }

        @CircuitBreaker
        @CircuitBreakerName("twice")
        public String second() {
            return "never";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Invalid.class))
            .overrideConfigKey("%test.quarkus.arc.exclude-types", "none.Such")
            .assertException(InvalidDefinitionTest::isTheDefinitionError);

    private static void isTheDefinitionError(Throwable thrown) {
        String message = DefinitionProblems.message(thrown);
        String where = Invalid.class.getName();
        assertTrue(message.startsWith("5 fault tolerance definition problems:"), message);
        assertTrue(message.contains(where + ".call(): @Retry maxRetries must be >= -1, was -3 (from annotation)"),
                message);
        assertTrue(message.contains(where + ".call(): @CircuitBreaker failureRatio must be between 0 and 1, was 1.5"
                + " (from annotation)"), message);
        assertTrue(message.contains(where + ".withoutFallback(): @Fallback fallbackMethod must name a method of"),
                message);
        assertTrue(message.contains(where + ".backoffWithoutRetry(): @ExponentialBackoff needs @Retry"), message);
        assertTrue(message.contains("\"twice\" is also the breaker name of"), message);
    }

    @Test
    void shouldNotStart() {
        fail("the application started");
    }
}

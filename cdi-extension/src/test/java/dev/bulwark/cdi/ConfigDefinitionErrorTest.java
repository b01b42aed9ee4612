package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/**
 * An invalid config override fails deployment like an invalid annotation value, and the message names the class,
 * the method, the config key (which names annotation and parameter) and the offending value.
 */
class ConfigDefinitionErrorTest {

    @ApplicationScoped
    public static class Valid {
        @Retry(maxRetries = 1)
        public void call() {
        }

        @CircuitBreaker
        public void breaker() {
        }

        @Fallback(fallbackMethod = "fallback")
        public String withFallback() {
            return "";
        }

        String fallback() {
            return "";
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 1)
    public static class ClassLevel {
        public void call() {
        }
    }

    private static final String VALID = Valid.class.getName();

    private static String errorWith(String key, String value) {
        return definitionError(Map.of(key, value), Valid.class, ClassLevel.class).getMessage();
    }

    @Test
    void shouldRejectAMethodKeyThatIsNotANumber() {
        String key = VALID + "/call/Retry/maxRetries";
        assertMentions(errorWith(key, "abc"), VALID, "call(", key, "abc");
    }

    @Test
    void shouldRejectAMethodKeyOutOfRange() {
        String key = VALID + "/call/Retry/maxRetries";
        assertMentions(errorWith(key, "-5"), VALID, "call(", "@Retry", "maxRetries", "-5", key);
    }

    @Test
    void shouldRejectAClassKeyOutOfRangeNamingTheMethodItReaches() {
        String key = ClassLevel.class.getName() + "/Retry/maxRetries";
        assertMentions(errorWith(key, "-5"), ClassLevel.class.getName() + ".call(", "@Retry", "maxRetries", "-5",
                key);
    }

    @Test
    void shouldRejectAGlobalKeyOutOfRangeNamingEveryMethodItReaches() {
        String message = errorWith("Retry/maxRetries", "-5");
        assertMentions(message, VALID + ".call(", ClassLevel.class.getName() + ".call(", "maxRetries", "-5",
                "config key Retry/maxRetries");
    }

    @Test
    void shouldRejectARatioAboveOne() {
        String key = VALID + "/breaker/CircuitBreaker/failureRatio";
        assertMentions(errorWith(key, "1.5"), VALID, "breaker(", "@CircuitBreaker", "failureRatio", "1.5", key);
    }

    @Test
    void shouldRejectAnUnknownUnit() {
        String key = VALID + "/call/Retry/delayUnit";
        // The allowed values are listed as the key takes them.
        assertMentions(errorWith(key, "FORTNIGHTS"), VALID, "call(", key, "FORTNIGHTS", "HOURS");
    }

    @Test
    void shouldRejectAnExceptionClassThatCannotBeLoaded() {
        String key = VALID + "/call/Retry/retryOn";
        assertMentions(errorWith(key, "com.example.Missing"), VALID, "call(", key, "com.example.Missing");
    }

    @Test
    void shouldRejectAClassThatIsNotAThrowable() {
        String key = VALID + "/breaker/CircuitBreaker/failOn";
        assertMentions(errorWith(key, "java.lang.String"), VALID, "breaker(", key, "java.lang.String");
    }

    @Test
    void shouldRejectAFallbackMethodThatDoesNotExist() {
        String key = VALID + "/withFallback/Fallback/fallbackMethod";
        assertMentions(errorWith(key, "nowhere"), VALID, "withFallback(", "@Fallback", "fallbackMethod", "nowhere",
                key);
    }

    @Test
    void shouldRejectAnEnabledFlagThatIsNotABoolean() {
        String key = VALID + "/call/Retry/enabled";
        assertMentions(errorWith(key, "maybe"), key, "maybe", "true or false");
    }

    @Test
    void shouldRejectANonFallbackFlagThatIsNotABoolean() {
        assertMentions(errorWith("MP_Fault_Tolerance_NonFallback_Enabled", "nope"),
                "MP_Fault_Tolerance_NonFallback_Enabled", "nope");
    }

    @Test
    void shouldNotBlameTheConfigForAnInvalidAnnotationValueWhenTheOverrideWasUnusable() {
        // The annotation's -2 is used when the override cannot be read, so that is the value to blame.
        String message = definitionError(Map.of(InvalidBeans.RetryMaxRetries.class.getName()
                + "/guarded/Retry/maxRetries", "abc"), InvalidBeans.RetryMaxRetries.class).getMessage();
        assertMentions(message, "abc", "was -2 (from annotation)");
    }

    @Test
    void shouldReportEveryInvalidKeyOfOneDeployment() {
        String retryKey = VALID + "/call/Retry/maxRetries";
        String breakerKey = VALID + "/breaker/CircuitBreaker/requestVolumeThreshold";
        String message = definitionError(Map.of(retryKey, "abc", breakerKey, "0"), Valid.class).getMessage();
        assertMentions(message, retryKey, "abc", breakerKey, "requestVolumeThreshold", "0");
    }

    @Test
    void shouldReportAnInvalidKeyAndAnInvalidAnnotationTogether() {
        String key = VALID + "/call/Retry/maxRetries";
        String message = definitionError(Map.of(key, "-5"), Valid.class, InvalidBeans.TimeoutValue.class)
                .getMessage();
        assertMentions(message, key, "-5", InvalidBeans.TimeoutValue.class.getName(), "@Timeout", "-1");
    }

    @Test
    void shouldReportAnInvalidGlobalFlagOnlyOnce() {
        String message = errorWith("Retry/enabled", "maybe");
        int first = message.indexOf("Retry/enabled");
        assertFalse(message.indexOf("Retry/enabled", first + 1) >= 0, () -> "reported more than once:\n" + message);
    }
}

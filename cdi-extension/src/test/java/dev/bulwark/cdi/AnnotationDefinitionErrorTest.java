package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;

import dev.bulwark.cdi.InvalidBeans.ClassLevelRetry;
import dev.bulwark.cdi.InvalidBeans.TwoOnOneMethod;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid annotation value fails deployment with a FaultToleranceDefinitionException whose message names the
 * class, the method, the annotation, the parameter and the offending value; all problems are reported together.
 */
class AnnotationDefinitionErrorTest {

    static Stream<Arguments> invalidAnnotations() {
        return Stream.of(
                invalid(InvalidBeans.RetryMaxRetries.class, "@Retry", "maxRetries", "-2"),
                invalid(InvalidBeans.RetryDelay.class, "@Retry", "delay", "-1"),
                invalid(InvalidBeans.RetryJitter.class, "@Retry", "jitter", "-1"),
                invalid(InvalidBeans.RetryMaxDurationNegative.class, "@Retry", "maxDuration", "-1"),
                invalid(InvalidBeans.RetryMaxDurationNotAboveDelay.class, "@Retry", "maxDuration", "500"),
                invalid(InvalidBeans.BreakerFailureRatio.class, "@CircuitBreaker", "failureRatio", "1.5"),
                invalid(InvalidBeans.BreakerRequestVolume.class, "@CircuitBreaker", "requestVolumeThreshold", "0"),
                invalid(InvalidBeans.BreakerSuccessThreshold.class, "@CircuitBreaker", "successThreshold", "0"),
                invalid(InvalidBeans.BreakerDelay.class, "@CircuitBreaker", "delay", "-1"),
                invalid(InvalidBeans.BulkheadValue.class, "@Bulkhead", "value", "0"),
                invalid(InvalidBeans.BulkheadQueue.class, "@Bulkhead", "waitingTaskQueue", "0"),
                invalid(InvalidBeans.TimeoutValue.class, "@Timeout", "value", "-1"),
                invalid(InvalidBeans.FallbackMissingMethod.class, "@Fallback", "fallbackMethod", "nowhere"),
                invalid(InvalidBeans.FallbackWrongParameters.class, "@Fallback", "fallbackMethod", "other"),
                invalid(InvalidBeans.FallbackWrongReturnType.class, "@Fallback", "fallbackMethod", "other"),
                invalid(InvalidBeans.FallbackHandlerOfWrongType.class, "@Fallback", "value",
                        InvalidBeans.IntegerHandler.class.getName()),
                invalid(InvalidBeans.FallbackHandlerAndMethod.class, "@Fallback", "fallbackMethod", "other"),
                invalid(InvalidBeans.AsynchronousNotAFuture.class, "@Asynchronous", "methods must return",
                        "java.lang.String"));
    }

    private static Arguments invalid(Class<?> bean, String annotation, String parameter, String value) {
        return Arguments.of(bean, annotation, parameter, value);
    }

    @ParameterizedTest(name = "{1} {2} = {3}")
    @MethodSource("invalidAnnotations")
    void shouldFailDeploymentNamingClassMethodAnnotationParameterAndValue(Class<?> bean, String annotation,
            String parameter, String value) {
        String message = definitionError(bean).getMessage();
        assertMentions(message, bean.getName(), "guarded(", annotation + " " + parameter, "was " + value);
    }

    @Test
    void shouldSayWhatIsAllowed() {
        String message = definitionError(InvalidBeans.RetryMaxRetries.class).getMessage();
        assertMentions(message, "must be >= -1");
    }

    @Test
    void shouldReportEveryMethodAClassLevelAnnotationMakesInvalid() {
        String message = definitionError(ClassLevelRetry.class).getMessage();
        assertMentions(message, ClassLevelRetry.class.getName() + ".one(", ClassLevelRetry.class.getName() + ".two(",
                "-3");
    }

    @Test
    void shouldReportTwoProblemsOfOneMethod() {
        String message = definitionError(TwoOnOneMethod.class).getMessage();
        assertMentions(message, "maxRetries", "-2", "jitter", "-7");
    }

    @Test
    void shouldReportProblemsOfDifferentBeansInOneDeployment() {
        String message = definitionError(InvalidBeans.BreakerFailureRatio.class, InvalidBeans.TimeoutValue.class,
                InvalidBeans.FallbackMissingMethod.class).getMessage();
        assertMentions(message, InvalidBeans.BreakerFailureRatio.class.getName(), "failureRatio", "1.5",
                InvalidBeans.TimeoutValue.class.getName(), "@Timeout",
                InvalidBeans.FallbackMissingMethod.class.getName(), "nowhere");
    }
}

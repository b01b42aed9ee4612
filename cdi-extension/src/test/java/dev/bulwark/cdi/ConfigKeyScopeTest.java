package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;

import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.BeforeRetryHandler;
import dev.bulwark.api.CustomBackoff;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.FibonacciBackoff;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RetryWhen;
import jakarta.enterprise.context.Dependent;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which config keys reach an annotation placed on a class, for every parameter of every annotation (the spec's and
 * ours; {@code @Fallback} can only be placed on a method), as configuration.asciidoc says: {@code <class>/<method>/<A>/<p>} is ignored ("if no annotation matches the
 * specified parameter, the property will be ignored"), {@code <class>/<A>/<p>} applies. The value set is one no
 * parameter accepts, so a key that is read fails deployment and a key that is ignored does not. The {@code enabled}
 * keys are checked the same way: a disabled annotation's parameters are not read at all.
 */
class ConfigKeyScopeTest {

    private static final String GARBAGE = "no-such-value!";

    @Dependent
    @Retry
    public static class RetryOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @CircuitBreaker
    public static class BreakerOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Bulkhead
    public static class BulkheadOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Timeout
    public static class TimeoutOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @RateLimit
    public static class RateLimitOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Retry
    @ExponentialBackoff
    public static class ExponentialOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Retry
    @FibonacciBackoff
    public static class FibonacciOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Retry
    @CustomBackoff(Strategy.class)
    public static class CustomOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Retry
    @RetryWhen
    public static class RetryWhenOnClass {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Retry
    @BeforeRetry(Before.class)
    public static class BeforeRetryOnClass {
        public String call() {
            return "ok";
        }
    }

    public static class Strategy implements CustomBackoffStrategy {
        @Override
        public long nextDelayInMillis(Throwable exception) {
            return 0;
        }
    }

    public static class Before implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {
        }
    }

    private static final Map<Class<? extends Annotation>, Class<?>> BEANS = Map.ofEntries(
            Map.entry(Retry.class, RetryOnClass.class),
            Map.entry(CircuitBreaker.class, BreakerOnClass.class),
            Map.entry(Bulkhead.class, BulkheadOnClass.class),
            Map.entry(Timeout.class, TimeoutOnClass.class),
            Map.entry(RateLimit.class, RateLimitOnClass.class),
            Map.entry(ExponentialBackoff.class, ExponentialOnClass.class),
            Map.entry(FibonacciBackoff.class, FibonacciOnClass.class),
            Map.entry(CustomBackoff.class, CustomOnClass.class),
            Map.entry(RetryWhen.class, RetryWhenOnClass.class),
            Map.entry(BeforeRetry.class, BeforeRetryOnClass.class));

    /** Every (annotation, parameter) pair: all members of each annotation, found by reflection. */
    static Stream<Arguments> parameters() {
        return BEANS.keySet().stream()
                .sorted((a, b) -> a.getSimpleName().compareTo(b.getSimpleName()))
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods())
                        .map(Method::getName)
                        .sorted()
                        .map(param -> Arguments.of(type.getSimpleName(), param, BEANS.get(type))));
    }

    static Stream<Arguments> annotations() {
        return BEANS.entrySet().stream().map(e -> Arguments.of(e.getKey().getSimpleName(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("parameters")
    void shouldIgnoreTheMethodKeyOfAClassLevelAnnotation(String annotation, String param, Class<?> bean) {
        String key = bean.getName() + "/call/" + annotation + "/" + param;
        Deployment.of(Map.of(key, GARBAGE), bean).close();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("parameters")
    void shouldApplyTheClassKeyOfAClassLevelAnnotation(String annotation, String param, Class<?> bean) {
        String key = bean.getName() + "/" + annotation + "/" + param;
        assertMentions(definitionError(Map.of(key, GARBAGE), bean).getMessage(), key, bean.getName() + ".call()");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("parameters")
    void shouldApplyTheGlobalKeyToAClassLevelAnnotation(String annotation, String param, Class<?> bean) {
        String key = annotation + "/" + param;
        assertMentions(definitionError(Map.of(key, GARBAGE), bean).getMessage(), key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void shouldDisableAClassLevelAnnotationForOneMethodWithItsMethodKey(String annotation, Class<?> bean) {
        // "Policy will be disabled even if the policy is also defined at class level": its values are not read.
        Map<String, String> config = Map.of(
                bean.getName() + "/call/" + annotation + "/enabled", "false",
                bean.getName() + "/" + annotation + "/" + firstParameter(annotation), GARBAGE);
        Deployment.of(config, bean).close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void shouldLetAMethodKeyEnableWhatTheClassKeyDisables(String annotation, Class<?> bean) {
        String key = bean.getName() + "/" + annotation + "/" + firstParameter(annotation);
        Map<String, String> config = Map.of(
                bean.getName() + "/" + annotation + "/enabled", "false",
                bean.getName() + "/call/" + annotation + "/enabled", "true",
                key, GARBAGE);
        assertMentions(definitionError(config, bean).getMessage(), key);
    }

    private static String firstParameter(String annotation) {
        return BEANS.keySet().stream().filter(t -> t.getSimpleName().equals(annotation)).findFirst()
                .map(t -> Arrays.stream(t.getDeclaredMethods()).map(Method::getName).sorted().findFirst().get())
                .orElseThrow();
    }
}

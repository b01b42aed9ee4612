package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid {@code @RateLimit} parameter, from the annotation or from config, fails deployment by name. */
class RateLimitDefinitionErrorTest {

    static Stream<Arguments> invalidAnnotations() {
        return Stream.of(
                Arguments.of(InvalidRateLimits.ValueZero.class, "value", "0"),
                Arguments.of(InvalidRateLimits.WindowZero.class, "window", "0"),
                Arguments.of(InvalidRateLimits.MinSpacingNegative.class, "minSpacing", "-1"),
                Arguments.of(InvalidRateLimits.BurstNegative.class, "burst", "-1"),
                Arguments.of(InvalidRateLimits.MaxWaitNegative.class, "maxWait", "-1"),
                Arguments.of(InvalidRateLimits.BurstWithFixedType.class, "burst", "5"),
                Arguments.of(InvalidRateLimits.BurstWithRollingType.class, "burst", "5"),
                Arguments.of(InvalidRateLimits.MorePermitsThanNanos.class, "value", "2000"),
                Arguments.of(InvalidRateLimits.OnClass.class, "value", "-4"));
    }

    @ParameterizedTest(name = "@RateLimit {1} = {2}")
    @MethodSource("invalidAnnotations")
    void shouldFailDeploymentNamingTheParameterAndValue(Class<?> bean, String parameter, String value) {
        String message = definitionError(bean).getMessage();
        // "@RateLimit burst", not just "burst": the parameter at fault is named, not one it clashes with.
        assertMentions(message, bean.getName(), "guarded(", "@RateLimit " + parameter, "was " + value);
    }

    @Test
    void shouldSayBurstNeedsTheSmoothType() {
        assertMentions(definitionError(InvalidRateLimits.BurstWithFixedType.class).getMessage(), "SMOOTH", "FIXED");
    }

    static Stream<Arguments> invalidKeys() {
        String method = InvalidRateLimits.Valid.class.getName() + "/guarded/RateLimit/";
        return Stream.of(
                Arguments.of(method + "value", "0"),
                Arguments.of(method + "value", "many"),
                Arguments.of(method + "window", "-1"),
                Arguments.of(method + "windowUnit", "LIGHTYEARS"),
                Arguments.of(method + "type", "BURSTY"),
                Arguments.of(method + "burst", "3"), // with the annotation's FIXED type
                Arguments.of(method + "maxWait", "-10"),
                Arguments.of(method + "minSpacing", "-10"),
                Arguments.of(method + "enabled", "sometimes"),
                Arguments.of("RateLimit/value", "0"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidKeys")
    void shouldFailDeploymentNamingTheKeyAndValue(String key, String value) {
        String message = definitionError(Map.of(key, value), InvalidRateLimits.Valid.class).getMessage();
        assertMentions(message, key, value);
    }

    @Test
    void shouldReportEveryInvalidParameterOfOneAnnotation() {
        String method = InvalidRateLimits.Valid.class.getName() + "/guarded/RateLimit/";
        String message = definitionError(Map.of(method + "value", "0", method + "maxWait", "-10"),
                InvalidRateLimits.Valid.class).getMessage();
        assertMentions(message, method + "value", method + "maxWait");
    }
}

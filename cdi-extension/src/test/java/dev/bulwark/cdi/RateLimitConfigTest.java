package dev.bulwark.cdi;

import static dev.bulwark.cdi.Permits.TRIES;
import static dev.bulwark.cdi.Permits.permitted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bulwark.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Config for {@code @RateLimit}, as for the MP FT annotations: {@code <class>/<method>/RateLimit/<p>},
 * {@code <class>/RateLimit/<p>} (annotation on the class), {@code RateLimit/<p>}, the {@code enabled} keys and
 * {@code MP_Fault_Tolerance_NonFallback_Enabled}. Checked by counting permitted calls.
 */
class RateLimitConfigTest {

    @ApplicationScoped
    public static class OnMethods {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public void first() {
        }

        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public void second() {
        }
    }

    @ApplicationScoped
    @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
    public static class OnClass {
        public void first() {
        }

        public void second() {
        }
    }

    private static final String ON_METHODS = OnMethods.class.getName();
    private static final String ON_CLASS = OnClass.class.getName();

    private static Deployment deploy(Map<String, String> config) {
        return Deployment.of(config, OnMethods.class, OnClass.class);
    }

    @Test
    void shouldApplyTheMethodKeyToThatMethodOnly() {
        try (Deployment d = deploy(Map.of(ON_METHODS + "/first/RateLimit/value", "4"))) {
            assertEquals(4, permitted(d.bean(OnMethods.class)::first));
            assertEquals(2, permitted(d.bean(OnMethods.class)::second));
        }
    }

    @Test
    void shouldApplyTheClassKeyToAClassLevelAnnotationOnly() {
        Map<String, String> config = Map.of(ON_CLASS + "/RateLimit/value", "3", ON_METHODS + "/RateLimit/value", "5");
        try (Deployment d = deploy(config)) {
            assertEquals(3, permitted(d.bean(OnClass.class)::first));
            assertEquals(3, permitted(d.bean(OnClass.class)::second));
            assertEquals(2, permitted(d.bean(OnMethods.class)::first), "annotation on the method: no class key");
        }
    }

    @Test
    void shouldApplyTheGlobalKeyUnlessAMoreSpecificOneIsSet() {
        Map<String, String> config = Map.of(
                "RateLimit/value", "1",
                ON_CLASS + "/RateLimit/value", "3",
                ON_METHODS + "/second/RateLimit/value", "5");
        try (Deployment d = deploy(config)) {
            assertEquals(1, permitted(d.bean(OnMethods.class)::first));
            assertEquals(5, permitted(d.bean(OnMethods.class)::second));
            assertEquals(3, permitted(d.bean(OnClass.class)::first));
            assertEquals(3, permitted(d.bean(OnClass.class)::second));
        }
    }

    @Test
    void shouldIgnoreAMethodKeyWhenTheAnnotationIsOnTheClass() {
        try (Deployment d = deploy(Map.of(ON_CLASS + "/first/RateLimit/value", "5"))) {
            assertEquals(2, permitted(d.bean(OnClass.class)::first), "the spec: no annotation matches that key");
        }
    }

    @Test
    void shouldOverrideTypeAndBurst() {
        Map<String, String> config = Map.of(
                ON_METHODS + "/first/RateLimit/type", "SMOOTH",
                ON_METHODS + "/first/RateLimit/burst", "4");
        try (Deployment d = deploy(config)) {
            assertEquals(4, permitted(d.bean(OnMethods.class)::first));
        }
    }

    @Test
    void shouldStopLimitingWhenDisabledGlobally() {
        try (Deployment d = deploy(Map.of("RateLimit/enabled", "false"))) {
            assertEquals(TRIES, permitted(d.bean(OnMethods.class)::first));
            assertEquals(TRIES, permitted(d.bean(OnClass.class)::first));
        }
    }

    @Test
    void shouldLimitAgainWhereAMethodFlagReEnablesIt() {
        Map<String, String> config = Map.of("RateLimit/enabled", "false", ON_METHODS + "/first/RateLimit/enabled",
                "true");
        try (Deployment d = deploy(config)) {
            assertEquals(2, permitted(d.bean(OnMethods.class)::first));
            assertEquals(TRIES, permitted(d.bean(OnMethods.class)::second));
        }
    }

    @Test
    void shouldStopLimitingOneClassWithTheClassFlag() {
        try (Deployment d = deploy(Map.of(ON_CLASS + "/RateLimit/enabled", "false"))) {
            assertEquals(TRIES, permitted(d.bean(OnClass.class)::first));
            assertEquals(2, permitted(d.bean(OnMethods.class)::first));
        }
    }

    @Test
    void shouldStopLimitingWhenNonFallbackIsDisabled() {
        try (Deployment d = deploy(Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"))) {
            assertEquals(TRIES, permitted(d.bean(OnMethods.class)::first));
            assertEquals(TRIES, permitted(d.bean(OnClass.class)::second));
        }
    }
}

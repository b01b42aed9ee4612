package dev.bulwark.cdi.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimit;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Generated config overrides (numbers of every size and sign, garbage, unknown enum names, classes that do not
 * exist, empty lists) for every parameter of a guarded method: each is either accepted, and then in force exactly as
 * given, or rejected with a problem that names the key and the value. Never an unrelated exception.
 */
class DefinitionFuzzTest {

    public static class Guarded {
        @Retry
        @CircuitBreaker
        @Timeout
        @Bulkhead
        @RateLimit
        public void call() {
        }
    }

    private static final String PREFIX = Guarded.class.getName() + "/call/";

    /** Every parameter's key. */
    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Class<? extends Annotation> type : List.of(Retry.class, CircuitBreaker.class, Timeout.class,
                Bulkhead.class, RateLimit.class)) {
            for (Method member : type.getDeclaredMethods()) {
                keys.add(PREFIX + type.getSimpleName() + "/" + member.getName());
            }
        }
        return keys;
    }

    @Provide
    Arbitrary<String> keysToOverride() {
        return Arbitraries.of(keys());
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("9223372036854775808", "-9223372036854775809", "99999999999999999999", "1e3", "NaN",
                        "Infinity", "-0", "0.5", "-0.5", "1.5", "2"),
                Arbitraries.doubles().between(-10, 10).map(String::valueOf),
                Arbitraries.of("MILLIS", "SECONDS", "FOREVER", "Millis", "FIXED", "ROLLING", "SMOOTH", "WAVY"),
                Arbitraries.of("java.lang.Exception", "java.io.IOException,java.lang.RuntimeException",
                        "com.example.DoesNotExist", "java.lang.String", ",", " , "),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
    }

    /** Parameters whose accepted value must be in force as given (a sample; the rest must at least not throw). */
    private static final Map<String, ToLongFunction<MethodDefinition>> IN_FORCE = Map.of(
            PREFIX + "Retry/maxRetries", d -> d.retry().spec().maxRetries(),
            PREFIX + "Bulkhead/value", d -> d.bulkhead().limit(),
            PREFIX + "CircuitBreaker/requestVolumeThreshold", d -> d.circuitBreaker().requestVolumeThreshold(),
            PREFIX + "CircuitBreaker/successThreshold", d -> d.circuitBreaker().successThreshold(),
            PREFIX + "RateLimit/value", d -> d.rateLimit().value());

    @Property(tries = 1500)
    void shouldAcceptAsGivenOrRejectNamingKeyAndValue(@ForAll("keysToOverride") String key,
            @ForAll("values") String value) {
        Problems problems = new Problems();
        Map<String, String> config = Map.of(key, value);
        List<MethodDefinition> read = new DefinitionReader(k -> Optional.ofNullable(config.get(k)), problems)
                .readGuarded(Guarded.class);
        if (!problems.isEmpty()) {
            String all = String.join("\n", problems.messages());
            assertTrue(all.contains(key), () -> "the problem does not name the key " + key + ": " + all);
            assertTrue(all.contains(value.trim()) || all.contains(parsedForm(value)) || all.contains(longForm(value)),
                    () -> "the problem does not quote the value " + value + ": " + all);
            return;
        }
        assertEquals(1, read.size());
        ToLongFunction<MethodDefinition> inForce = IN_FORCE.get(key);
        if (inForce != null) {
            assertEquals(Long.parseLong(value.trim()), inForce.applyAsLong(read.get(0)),
                    () -> key + "=" + value + " was accepted but not put in force as given");
        }
    }

    /** How a whole number is printed once parsed ("-0" prints "0"). */
    private static String longForm(String value) {
        try {
            return String.valueOf(Long.parseLong(value.trim()));
        } catch (NumberFormatException notAWholeNumber) {
            return value;
        }
    }

    /** How a number is printed once parsed ("2" read as a double prints "2.0"). */
    private static String parsedForm(String value) {
        try {
            return String.valueOf(Double.parseDouble(value.trim()));
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }
}

package dev.bulwark.cdi.definition;

import static dev.bulwark.cdi.definition.AnnotationParameters.nanos;

import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.SlidingTimeWindow;
import dev.bulwark.api.SlowCall;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import java.lang.reflect.Method;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Reads a method's {@code @CircuitBreaker}, the name it is registered under ({@code @CircuitBreakerName} or one made
 * from the method) and the annotations that refine it ({@code @SlidingTimeWindow}, {@code @SlowCall}).
 */
final class BreakerReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    BreakerReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        Class<?> beanClass = definition.beanClass();
        Method method = definition.method();
        AnnotationParameters found = lookup.find(CircuitBreaker.class, beanClass, method);
        String name = name(beanClass, method, found != null);
        if (found != null) {
            definition.inForce(CircuitBreaker.class);
        }
        // Read even without a breaker: a refinement alone is a problem to report.
        definition.circuitBreaker(spec(beanClass, method, found, name));
    }

    /**
     * The name the method's breaker is registered under: its {@code @CircuitBreakerName}, or
     * {@code <class>.<method>}, or {@code <class>.<method>(<parameter types>)} when other methods of the class that
     * a {@code @CircuitBreaker} applies to have the same name. Null (a problem) for a name that is invalid.
     */
    String name(Class<?> beanClass, Method method, boolean breakerInForce) {
        AnnotationParameters named = lookup.find(CircuitBreakerName.class, beanClass, method);
        if (named != null) {
            if (lookup.declared(CircuitBreaker.class, beanClass, method) == null) {
                lookup.problems().add(named.where() + ": @CircuitBreakerName needs @CircuitBreaker on the method or its class");
                return null;
            }
            String name = named.stringValue("value");
            if (name == null || name.isBlank()) {
                named.invalid("value", "\"" + name + "\"", "must not be empty");
                return null;
            }
            return name.trim();
        }
        if (!breakerInForce) {
            return null;
        }
        String simple = ClassNames.of(beanClass) + "." + method.getName();
        for (Method other : DefinitionReader.businessMethods(beanClass)) {
            if (other.getName().equals(method.getName()) && !other.equals(method)
                    && lookup.declared(CircuitBreaker.class, beanClass, other) != null) {
                return simple + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                        .collect(java.util.stream.Collectors.joining(",", "(", ")"));
            }
        }
        return simple;
    }

    /**
     * The method's breaker ({@code found}, registered under {@code name}) with its {@code @SlidingTimeWindow} and
     * {@code @SlowCall}, if any; null if it has none or it is invalid. A refinement without a
     * {@code @CircuitBreaker} on the method or its class is a problem.
     */
    CircuitBreakerSpec spec(Class<?> beanClass, Method method, AnnotationParameters found, String name) {
        CircuitBreakerSpec breaker = found == null || name == null ? null : circuitBreaker(found, name);
        AnnotationParameters window = lookup.find(SlidingTimeWindow.class, beanClass, method);
        AnnotationParameters slow = lookup.find(SlowCall.class, beanClass, method);
        boolean declared = lookup.declared(CircuitBreaker.class, beanClass, method) != null;
        for (AnnotationParameters refinement : new AnnotationParameters[] {window, slow}) {
            if (refinement != null && !declared) {
                lookup.problems().add(refinement.where() + ": @" + refinement.annotationName()
                        + " needs @CircuitBreaker on the method or its class");
            }
        }
        if (breaker == null) {
            return null;
        }
        CircuitBreakerSpec spec = breaker;
        boolean valid = true;
        if (window != null) {
            long length = window.longValue("value");
            ChronoUnit unit = window.unit("unit");
            int buckets = window.intValue("buckets");
            // 0 in the spec means "count calls"; on the annotation it would silently undo the annotation. A value below
            // 1 is reported here; the spec still checks buckets, against a window no number of buckets can fail.
            boolean positive = window.atLeast("value", length, 1);
            long nanos = positive ? nanos(length, unit) : Long.MAX_VALUE;
            CircuitBreakerSpec counted = spec;
            CircuitBreakerSpec windowed = window.spec(() -> counted.withTimeWindow(nanos, buckets), "window", "value");
            windowed = positive ? windowed : null;
            valid &= windowed != null;
            spec = windowed != null ? windowed : spec;
        }
        if (slow != null) {
            long threshold = slow.longValue("threshold");
            ChronoUnit unit = slow.unit("unit");
            double ratio = slow.doubleValue("ratio");
            // As with the window: a threshold of 0 would switch slow calls off; the spec still checks the ratio.
            boolean positive = slow.atLeast("threshold", threshold, 1);
            long nanos = nanos(positive ? threshold : 1, unit);
            CircuitBreakerSpec judged = spec;
            CircuitBreakerSpec slowed = slow.spec(() -> judged.withSlowCalls(nanos, ratio), "slowCallThreshold",
                    "threshold", "slowCallRatio", "ratio");
            slowed = positive ? slowed : null;
            valid &= slowed != null;
            spec = slowed != null ? slowed : spec;
        }
        return valid ? spec : null;
    }

    /** The breaker is registered under {@code name}, so operators can read, force and reset it by method. */
    private static CircuitBreakerSpec circuitBreaker(AnnotationParameters p, String name) {
        int volume = p.intValue("requestVolumeThreshold");
        double ratio = p.doubleValue("failureRatio");
        long delay = p.longValue("delay");
        int successThreshold = p.intValue("successThreshold");
        ExceptionMatcher failOn = ExceptionMatcher.of(p.throwables("failOn"), p.throwables("skipOn"));
        long delayNanos = nanos(delay, p.unit("delayUnit"));
        return p.spec(() -> CircuitBreakerSpec.builder(volume, ratio, delayNanos, successThreshold, failOn).name(name)
                .build());
    }
}

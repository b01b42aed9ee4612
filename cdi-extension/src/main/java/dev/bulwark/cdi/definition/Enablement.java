package dev.bulwark.cdi.definition;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Whether an annotation is in force on a method, per the spec: {@code <class>/<method>/<A>/enabled}, then
 * {@code <class>/<A>/enabled}, then {@code <A>/enabled}, whether the annotation is on the method or on its class;
 * failing all of those, every strategy but {@code @Fallback} follows {@code MP_Fault_Tolerance_NonFallback_Enabled}.
 * The annotations that only refine another ({@link DefinitionReader#REFINEMENTS}: a backoff, {@code @RetryWhen},
 * {@code @BeforeRetry}, {@code @CircuitBreakerName}) are in force whenever the one they refine is, unless their own
 * {@code enabled} keys say otherwise.
 */
final class Enablement {

    static final String NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";

    private final ConfigLookup config;
    private final Problems problems;

    Enablement(ConfigLookup config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    boolean enabled(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
        String name = type.getSimpleName();
        String[] keys = {
            ClassNames.of(beanClass) + "/" + method.getName() + "/" + name + "/enabled",
            ClassNames.of(beanClass) + "/" + name + "/enabled",
            name + "/enabled"};
        for (String key : keys) {
            Optional<Boolean> value = config.flag(key, problems);
            if (value.isPresent()) {
                return value.get();
            }
        }
        if (type == org.eclipse.microprofile.faulttolerance.Fallback.class
                || DefinitionReader.REFINEMENTS.contains(type)) {
            return true;
        }
        return config.flag(NON_FALLBACK_ENABLED, problems).orElse(true);
    }
}

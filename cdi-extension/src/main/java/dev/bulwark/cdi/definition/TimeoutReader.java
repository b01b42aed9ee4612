package dev.bulwark.cdi.definition;

import static dev.bulwark.cdi.definition.AnnotationParameters.nanos;

import dev.bulwark.impl.timeout.TimeoutSpec;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Reads a method's {@code @Timeout}. */
final class TimeoutReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    TimeoutReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        AnnotationParameters p = lookup.find(Timeout.class, definition.beanClass(), definition.method());
        if (p == null) {
            return;
        }
        definition.inForce(Timeout.class);
        long value = p.longValue("value");
        long nanos = nanos(value, p.unit("unit"));
        TimeoutSpec spec = p.spec(() -> new TimeoutSpec(nanos), "timeout", "value");
        if (spec != null) {
            definition.timeout(spec);
        }
    }
}

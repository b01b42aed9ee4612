package dev.bulwark.cdi.definition;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/** Reads a method's {@code @Bulkhead}. */
final class BulkheadReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    BulkheadReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        AnnotationParameters p = lookup.find(Bulkhead.class, definition.beanClass(), definition.method());
        if (p == null) {
            return;
        }
        definition.inForce(Bulkhead.class);
        int value = p.intValue("value");
        int queue = p.intValue("waitingTaskQueue");
        BulkheadSpec spec = p.spec(() -> new BulkheadSpec(value, queue));
        if (spec != null) {
            definition.bulkhead(spec);
        }
    }
}

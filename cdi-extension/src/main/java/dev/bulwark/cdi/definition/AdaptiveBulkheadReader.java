package dev.bulwark.cdi.definition;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.api.AdaptiveBulkhead;
import dev.bulwark.impl.adaptive.AdaptiveBulkheadSpec;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/** Reads a method's {@code @AdaptiveBulkhead}: a stage at the bulkhead's place, so not beside a {@code @Bulkhead}. */
final class AdaptiveBulkheadReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    AdaptiveBulkheadReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        AnnotationParameters p = lookup.find(AdaptiveBulkhead.class, definition.beanClass(), definition.method());
        if (p == null) {
            return;
        }
        definition.inForce(AdaptiveBulkhead.class);
        if (definition.isInForce(Bulkhead.class)) {
            lookup.problems().add(p.where() + ": @AdaptiveBulkhead and @Bulkhead exclude each other (both limit the"
                    + " calls running at once, at the same place in the chain); keep one");
            return;
        }
        AdaptiveAlgorithm algorithm = p.enumValue("algorithm", AdaptiveAlgorithm.class);
        int initial = p.intValue("initialLimit");
        int min = p.intValue("minLimit");
        int max = p.intValue("maxLimit");
        int queue = p.intValue("waitingTaskQueue");
        AdaptiveBulkheadSpec spec = p.spec(() -> new AdaptiveBulkheadSpec(algorithm, initial, min, max, queue));
        if (spec != null) {
            definition.stage(spec);
        }
    }
}

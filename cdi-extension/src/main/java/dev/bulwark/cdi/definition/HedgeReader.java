package dev.bulwark.cdi.definition;

import static dev.bulwark.cdi.definition.AnnotationParameters.nanos;

import dev.bulwark.api.Hedge;
import dev.bulwark.impl.hedge.HedgeSpec;

/**
 * Reads a method's {@code @Hedge}: a race of attempts just inside the retry, so only on a method whose calls are
 * asynchronous (a synchronous call has no thread to race a second attempt on).
 */
final class HedgeReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    HedgeReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        AnnotationParameters p = lookup.find(Hedge.class, definition.beanClass(), definition.method());
        if (p == null) {
            return;
        }
        definition.inForce(Hedge.class);
        long delay = p.longValue("delay");
        long delayNanos = delay < 0 ? delay : nanos(delay, p.unit("delayUnit"));
        int maxAttempts = p.intValue("maxAttempts");
        double percentile = p.doubleValue("delayPercentile");
        HedgeSpec spec = p.spec(() -> new HedgeSpec(delayNanos, maxAttempts, percentile));
        if (spec != null) {
            definition.stage(spec);
        }
    }

    @Override
    public void check(MethodDefinition.Builder definition, Execution execution) {
        if (definition.isInForce(Hedge.class) && !execution.asynchronous()) {
            AnnotationParameters p = lookup.find(Hedge.class, definition.beanClass(), definition.method());
            lookup.problems().add(p.where() + ": @Hedge needs an asynchronous method (@Asynchronous,"
                    + " @AsynchronousNonBlocking, or one that returns a Uni): a synchronous call has no thread to"
                    + " race a second attempt on");
        }
    }
}

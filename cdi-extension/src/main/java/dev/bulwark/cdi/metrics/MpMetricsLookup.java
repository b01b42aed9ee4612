package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.MetricsProvider;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.AnnotationLiteral;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/** Finds the MP Metrics base registry; only loaded once the MP Metrics API is known to be present. */
final class MpMetricsLookup {

    private MpMetricsLookup() {
    }

    /** A provider for the application's base registry, or null if no MP Metrics implementation offers one. */
    static MetricsProvider find(Instance<Object> beans) {
        Instance<MetricRegistry> registry = beans.select(MetricRegistry.class, new Base());
        return registry.isResolvable() ? new MpMetricsProvider(registry.get()) : null;
    }

    @SuppressWarnings("all")
    private static final class Base extends AnnotationLiteral<RegistryType> implements RegistryType {
        @Override
        public MetricRegistry.Type type() {
            return MetricRegistry.Type.BASE;
        }
    }
}

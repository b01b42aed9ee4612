package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.MetricsProvider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;

/** Finds the application's Micrometer {@link MeterRegistry} bean; only loaded once micrometer-core is present. */
final class MicrometerLookup {

    private MicrometerLookup() {
    }

    /** A provider for the application's registry, or null if it has no MeterRegistry bean. */
    static MetricsProvider find(Instance<Object> beans) {
        Instance<MeterRegistry> registry = beans.select(MeterRegistry.class);
        if (registry.isAmbiguous()) {
            throw new IllegalStateException("several MeterRegistry beans and none of them @Default alone: make one"
                    + " of them the default (a CompositeMeterRegistry over the others, for example)");
        }
        return registry.isResolvable() ? new MicrometerProvider(registry.get()) : null;
    }
}

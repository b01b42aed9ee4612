package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.MetricsProvider;
import jakarta.enterprise.inject.Instance;

/** Finds MP Metrics 5's base registry through {@link BaseRegistryHolder}. */
final class MpMetrics5Lookup {

    private MpMetrics5Lookup() {
    }

    static MetricsProvider find(Instance<Object> beans) {
        Instance<BaseRegistryHolder> holder = beans.select(BaseRegistryHolder.class);
        if (!holder.isResolvable()) {
            throw new IllegalStateException("MP Metrics 5 is present but its base registry cannot be injected here"
                    + " (on Quarkus, use Micrometer)");
        }
        return new MpMetricsProvider(holder.get().registry);
    }
}

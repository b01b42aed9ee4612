package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.MetricsProvider;
import jakarta.enterprise.inject.Instance;

/** Finds MP Metrics 5's base registry through {@link BaseRegistryHolder}. */
final class MpMetrics5Lookup {

    private static final System.Logger LOG = System.getLogger(MpMetrics5Lookup.class.getName());

    private MpMetrics5Lookup() {
    }

    /**
     * A provider for MP Metrics 5's base registry, or null, with one DEBUG line, where the holder is not registered:
     * on Quarkus, whose build-compatible door has no MP Metrics 5 (the API alone on its class path is common and no
     * reason for a warning at every start).
     */
    static MetricsProvider find(Instance<Object> beans) {
        Instance<BaseRegistryHolder> holder = beans.select(BaseRegistryHolder.class);
        if (!holder.isResolvable()) {
            LOG.log(System.Logger.Level.DEBUG, "The MP Metrics 5 API is present but its base registry cannot be"
                    + " injected here, so fault-tolerance metrics are not published to MP Metrics (on Quarkus, use"
                    + " Micrometer)");
            return null;
        }
        return new MpMetricsProvider(holder.get().registry);
    }
}

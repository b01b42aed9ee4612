package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.MetricsProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.inject.Instance;

/** Finds MP Telemetry's OpenTelemetry (or Meter) bean; only loaded once the OpenTelemetry API is present. */
final class OtelLookup {

    /** The instrumentation scope of Bulwark's metrics. */
    static final String SCOPE = "dev.bulwark.faulttolerance";

    private OtelLookup() {
    }

    /** A provider recording through the application's OpenTelemetry, or null if there is none. */
    static MetricsProvider find(Instance<Object> beans) {
        Instance<OpenTelemetry> otel = beans.select(OpenTelemetry.class);
        if (otel.isResolvable()) {
            return new OtelMetricsProvider(otel.get().getMeter(SCOPE));
        }
        Instance<Meter> meter = beans.select(Meter.class);
        return meter.isResolvable() ? new OtelMetricsProvider(meter.get()) : null;
    }
}

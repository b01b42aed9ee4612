package dev.bulwark.cdi.metrics;

import dev.bulwark.cdi.OptionalApi;
import dev.bulwark.impl.metrics.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import jakarta.enterprise.inject.Instance;
import java.util.function.Supplier;

/**
 * Chooses where metrics go: to MP Metrics if the application has an implementation, to OpenTelemetry if it
 * has MP Telemetry, to both if both, nowhere if neither or if {@code MP_Fault_Tolerance_Metrics_Enabled} is
 * false. Neither API is needed on the class path: their classes are touched only after they are found.
 */
public final class MetricsSetup {

    private static final System.Logger LOG = System.getLogger(MetricsSetup.class.getName());

    /** The spec's switch for all fault-tolerance metrics. */
    public static final String METRICS_ENABLED = "MP_Fault_Tolerance_Metrics_Enabled";

    private MetricsSetup() {
    }

    public static MetricsProvider choose(boolean enabled, Instance<Object> beans) {
        if (!enabled) {
            return MetricsProvider.NOOP;
        }
        MetricsProvider mp = OptionalApi.present("org.eclipse.microprofile.metrics.MetricRegistry")
                ? lookup("MP Metrics", () -> MpMetricsLookup.find(beans)) : null;
        MetricsProvider otel = OptionalApi.present("io.opentelemetry.api.OpenTelemetry")
                ? lookup("OpenTelemetry", () -> OtelLookup.find(beans)) : null;
        if (mp == null && otel == null) {
            return MetricsProvider.NOOP;
        }
        if (mp == null || otel == null) {
            return mp != null ? mp : otel;
        }
        return operation -> {
            MetricsRecorder first = mp.recorderFor(operation);
            MetricsRecorder second = otel.recorderFor(operation);
            return new CompositeRecorder(first, second);
        };
    }

    /**
     * Runs a lookup that must never fail the deployment: an implementation of another API version, or one whose
     * producers cannot be called programmatically, costs the application its metrics there, not its start.
     */
    private static MetricsProvider lookup(String what, Supplier<MetricsProvider> find) {
        try {
            return find.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Fault-tolerance metrics will not be published to " + what
                    + ": its registry could not be obtained", e);
            return null;
        }
    }
}

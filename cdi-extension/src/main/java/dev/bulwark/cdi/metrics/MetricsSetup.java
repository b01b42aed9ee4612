package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.metrics.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Chooses where metrics go: to MP Metrics if the application has an implementation, to OpenTelemetry if it
 * has MP Telemetry, to both if both, nowhere if neither or if {@code MP_Fault_Tolerance_Metrics_Enabled} is
 * false. Neither API is needed on the class path: their classes are touched only after they are found.
 */
public final class MetricsSetup {

    /** The spec's switch for all fault-tolerance metrics. */
    public static final String METRICS_ENABLED = "MP_Fault_Tolerance_Metrics_Enabled";

    private MetricsSetup() {
    }

    public static MetricsProvider choose(boolean enabled, BeanManager beans) {
        if (!enabled) {
            return MetricsProvider.NOOP;
        }
        MetricsProvider mp = present("org.eclipse.microprofile.metrics.MetricRegistry") ? MpMetricsLookup.find(beans)
                : null;
        MetricsProvider otel = present("io.opentelemetry.api.OpenTelemetry") ? OtelLookup.find(beans) : null;
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

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MetricsSetup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}

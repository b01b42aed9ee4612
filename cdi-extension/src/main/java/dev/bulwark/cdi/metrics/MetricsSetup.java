package dev.bulwark.cdi.metrics;

import dev.bulwark.cdi.optional.OptionalApi;
import dev.bulwark.impl.chain.MetricsProvider;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.metrics.MetricsRecorder;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Chooses where metrics go: to MP Metrics if the application has an implementation, to OpenTelemetry if it
 * has MP Telemetry, to Micrometer if it has a MeterRegistry bean; to each of those it has; nowhere if none or if
 * {@code MP_Fault_Tolerance_Metrics_Enabled} is false. No API is needed on the class path: their classes are
 * touched only after they are found.
 */
public final class MetricsSetup {

    private static final System.Logger LOG = System.getLogger(MetricsSetup.class.getName());

    /** The spec's switch for all fault-tolerance metrics. */
    public static final String METRICS_ENABLED = dev.bulwark.cdi.definition.DeploymentSettings.METRICS_ENABLED;

    private MetricsSetup() {
    }

    public static MetricsProvider choose(boolean enabled, Instance<Object> beans) {
        if (!enabled) {
            return MetricsProvider.NOOP;
        }
        List<MetricsProvider> found = new ArrayList<>(3);
        if (OptionalApi.present("org.eclipse.microprofile.metrics.MetricRegistry")) {
            add(found, OptionalApi.present(RegistryScopes.REGISTRY_SCOPE)
                    ? lookup("MP Metrics 5", () -> MpMetrics5Lookup.find(beans))
                    : lookup("MP Metrics", () -> MpMetricsLookup.find(beans)));
        }
        if (OptionalApi.present("io.opentelemetry.api.OpenTelemetry")) {
            add(found, lookup("OpenTelemetry", () -> OtelLookup.find(beans)));
        }
        if (OptionalApi.present("io.micrometer.core.instrument.MeterRegistry")) {
            add(found, lookup("Micrometer", () -> MicrometerLookup.find(beans)));
        }
        if (found.isEmpty()) {
            return MetricsProvider.NOOP;
        }
        if (found.size() == 1) {
            return found.get(0); // the hot path then calls that recorder directly
        }
        return new MetricsProvider() {
            @Override
            public MetricsRecorder recorderFor(Operation operation) {
                return each(p -> p.recorderFor(operation));
            }

            @Override
            public MetricsRecorder recorderFor(Operation operation, String partition) {
                return each(p -> p.recorderFor(operation, partition));
            }

            private MetricsRecorder each(Function<MetricsProvider, MetricsRecorder> recorder) {
                return new CompositeRecorder(found.stream().map(recorder).toArray(MetricsRecorder[]::new));
            }
        };
    }

    private static void add(List<MetricsProvider> found, MetricsProvider provider) {
        if (provider != null) {
            found.add(provider);
        }
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

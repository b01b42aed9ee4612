package dev.bulwark.tck.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The part of an MP Telemetry runtime the TCK needs: one OpenTelemetry per deployment, configured by
 * autoconfigure from the deployment's {@code otel.*} MP Config properties (SDK disabled unless
 * {@code otel.sdk.disabled=false}, as MP Telemetry says), with service providers looked up through the
 * deployment's class loader so that the TCK's in-memory metric reader is registered.
 */
public class OpenTelemetryProducer {

    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
        ClassLoader deployment = Thread.currentThread().getContextClassLoader();
        Config config = ConfigProvider.getConfig(deployment);
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.sdk.disabled", "true");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.traces.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("otel.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> properties.put(name, v));
            }
        }
        return AutoConfiguredOpenTelemetrySdk.builder()
                .setServiceClassLoader(deployment)
                .addPropertiesSupplier(() -> properties)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** Like an MP Telemetry runtime, the SDK starts with the application, whether or not anything uses it. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started, OpenTelemetry openTelemetry) {
        openTelemetry.getMeterProvider();
    }

    void close(@Disposes OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.close();
        }
    }
}

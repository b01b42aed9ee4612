package dev.bulwark.tck.telemetry;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/** Adds the OpenTelemetry producer to each deployment of the run that has the OpenTelemetry SDK. */
public class TelemetryRuntimeExtension implements Extension {

    void addProducer(@Observes BeforeBeanDiscovery event) {
        try {
            Class.forName("io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk", false,
                    TelemetryRuntimeExtension.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return;
        }
        event.addAnnotatedType(OpenTelemetryProducer.class, OpenTelemetryProducer.class.getName());
    }
}

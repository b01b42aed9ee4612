package dev.bulwark.tck;

import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;

/**
 * SmallRye Metrics keeps its registries in a static map that outlives each deployment, while every TCK class
 * expects fresh metrics; drop them before each class. Does nothing where SmallRye Metrics is absent.
 */
public class MetricRegistriesReset {

    public void dropRegistries(@Observes BeforeClass event) throws ReflectiveOperationException {
        Class<?> registries;
        try {
            registries = Class.forName("io.smallrye.metrics.MetricRegistries");
        } catch (ClassNotFoundException absent) {
            return;
        }
        registries.getMethod("dropAll").invoke(null);
    }
}

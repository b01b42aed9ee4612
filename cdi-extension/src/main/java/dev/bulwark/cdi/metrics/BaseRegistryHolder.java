package dev.bulwark.cdi.metrics;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Holds MP Metrics 5's base registry through a real injection point. MP Metrics 5 names a registry by
 * {@code @RegistryScope(scope = "base")}, a non-binding member its implementations read from the injection point's
 * annotated element, which a programmatic lookup does not have; so the portable extension registers this class with
 * {@code @Inject @RegistryScope(scope = "base")} added to the field (see {@link RegistryScopes}). Only registered when
 * MP Metrics 5 is present, and only used on CDI Full containers (Weld, Helidon): Quarkus has no MP Metrics 5.
 */
@Dependent
public class BaseRegistryHolder {

    MetricRegistry registry;

    /** The name of the field the extension makes an injection point. */
    public static final String FIELD = "registry";
}

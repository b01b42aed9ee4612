package dev.bulwark.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the runner's adaptations of the TCK to Weld embedded. */
public class TckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeploymentExceptionTransformer.class, DefinitionErrorTransformer.class);
        builder.observer(MetricRegistriesReset.class);
    }
}

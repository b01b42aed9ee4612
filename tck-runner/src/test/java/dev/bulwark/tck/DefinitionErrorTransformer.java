package dev.bulwark.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;

/**
 * Weld reports a definition error added by an extension as a {@code DefinitionException} that carries the
 * extension's exception as suppressed; the TCK expects the extension's exception itself.
 */
public class DefinitionErrorTransformer implements DeploymentExceptionTransformer {

    @Override
    public Throwable transform(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException) {
                    return s;
                }
            }
            if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException) {
                return t;
            }
        }
        return null;
    }
}

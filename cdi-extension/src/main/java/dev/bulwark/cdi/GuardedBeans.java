package dev.bulwark.cdi;

import dev.bulwark.cdi.definition.DeploymentSettings;
import dev.bulwark.cdi.definition.MethodDefinition;
import dev.bulwark.cdi.fallback.HandlerSource;
import java.util.List;

/**
 * What a front door hands the runtime: the validated definition of every guarded method it found, and how its
 * container makes fallback handlers that are not beans. The portable extension is one (it reads and validates at
 * deployment); the build-compatible extension registers one as a synthetic bean that reads the classes it found
 * at build time with the config of the running application.
 */
public interface GuardedBeans {

    /**
     * Every guarded method's definition.
     *
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException listing every
     *         problem, if a definition is invalid
     */
    List<MethodDefinition> definitions();

    /** Whether metrics are on ({@code MP_Fault_Tolerance_Metrics_Enabled}). */
    DeploymentSettings settings();

    /** Instances of a {@code FallbackHandler} class that is not a bean. */
    HandlerSource notABean(Class<?> handlerClass);
}

package dev.bulwark.cdi.shared;

import dev.bulwark.cdi.definition.SharedStoreSettings;
import dev.bulwark.impl.shared.SharedState;

/**
 * Opens the store {@code @Shared} rate limits and breakers use, from the settings the deployment's definition read. Found through
 * {@link java.util.ServiceLoader}: the {@code bulwark-redis} module provides one.
 */
public interface SharedStoreFactory {

    /**
     * @param settings the store's settings, read and validated with the deployment's definition
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException for a value the
     *         store refuses (a URL it cannot parse), naming its key
     */
    SharedState open(SharedStoreSettings settings);
}

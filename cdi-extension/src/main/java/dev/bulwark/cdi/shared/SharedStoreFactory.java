package dev.bulwark.cdi.shared;

import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.impl.shared.SharedState;

/**
 * Opens the store {@code @Shared} rate limits and breakers use, from MicroProfile Config. Found through
 * {@link java.util.ServiceLoader}: the {@code bulwark-redis} module provides one.
 */
public interface SharedStoreFactory {

    /**
     * @param config the application's config ({@code bulwark.redis.url} and the store's other keys)
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException for a config
     *         value that is invalid, naming its key
     */
    SharedState open(ConfigLookup config);
}

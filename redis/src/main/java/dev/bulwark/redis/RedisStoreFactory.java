package dev.bulwark.redis;

import dev.bulwark.cdi.definition.SharedStoreSettings;
import dev.bulwark.cdi.shared.SharedStoreFactory;
import dev.bulwark.impl.shared.SharedState;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The store of {@code @Shared} CDI methods, from the settings the deployment's definition read and validated
 * ({@link SharedStoreSettings}: {@code bulwark.redis.url}, {@code bulwark.redis.key-prefix} (default {@code bulwark:}),
 * {@code bulwark.redis.command-timeout} (milliseconds, default 50) and {@code bulwark.redis.on-failure} ({@code local},
 * {@code allow} or {@code reject}; default local)).
 */
public final class RedisStoreFactory implements SharedStoreFactory {

    @Override
    public SharedState open(SharedStoreSettings settings) {
        if (settings.url() == null) {
            throw new FaultToleranceDefinitionException("config key " + SharedStoreSettings.URL + " is not set");
        }
        RedisStore.Builder builder = RedisStore.builder(settings.url());
        if (settings.keyPrefix() != null) {
            builder.keyPrefix(settings.keyPrefix());
        }
        if (settings.commandTimeoutMillis() > 0) {
            builder.commandTimeout(java.time.Duration.ofMillis(settings.commandTimeoutMillis()));
        }
        if (settings.onFailure() != null) {
            builder.onFailure(OnFailure.valueOf(settings.onFailure().toUpperCase(java.util.Locale.ROOT)));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new FaultToleranceDefinitionException("config key " + SharedStoreSettings.URL + ": "
                    + e.getMessage(), e);
        }
    }
}

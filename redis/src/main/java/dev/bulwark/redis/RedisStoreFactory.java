package dev.bulwark.redis;

import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.DefinitionReader;
import dev.bulwark.cdi.shared.SharedStoreFactory;
import dev.bulwark.impl.shared.SharedState;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The store of {@code @Shared} CDI methods, from MicroProfile Config: {@code bulwark.redis.url},
 * {@code bulwark.redis.key-prefix} (default {@code bulwark:}), {@code bulwark.redis.command-timeout} (milliseconds,
 * default 50) and {@code bulwark.redis.on-failure} ({@code local}, {@code allow} or {@code reject}; default local).
 */
public final class RedisStoreFactory implements SharedStoreFactory {

    static final String KEY_PREFIX = "bulwark.redis.key-prefix";
    static final String COMMAND_TIMEOUT = "bulwark.redis.command-timeout";
    static final String ON_FAILURE = "bulwark.redis.on-failure";

    @Override
    public SharedState open(ConfigLookup config) {
        String url = config.get(DefinitionReader.REDIS_URL).orElseThrow(() -> new FaultToleranceDefinitionException(
                "config key " + DefinitionReader.REDIS_URL + " is not set"));
        RedisStore.Builder builder = RedisStore.builder(url.trim());
        config.get(KEY_PREFIX).ifPresent(prefix -> builder.keyPrefix(prefix.trim()));
        Optional<String> timeout = config.get(COMMAND_TIMEOUT);
        if (timeout.isPresent()) {
            long millis;
            try {
                millis = Long.parseLong(timeout.get().trim());
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 1) {
                throw new FaultToleranceDefinitionException("config key " + COMMAND_TIMEOUT + " must be a whole "
                        + "number of milliseconds >= 1, was \"" + timeout.get() + "\"");
            }
            builder.commandTimeout(Duration.ofMillis(millis));
        }
        Optional<String> onFailure = config.get(ON_FAILURE);
        if (onFailure.isPresent()) {
            try {
                builder.onFailure(OnFailure.valueOf(onFailure.get().trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new FaultToleranceDefinitionException("config key " + ON_FAILURE + " must be local, allow or "
                        + "reject, was \"" + onFailure.get() + "\"");
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new FaultToleranceDefinitionException("config key " + DefinitionReader.REDIS_URL + ": "
                    + e.getMessage(), e);
        }
    }
}

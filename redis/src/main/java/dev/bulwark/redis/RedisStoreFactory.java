package dev.bulwark.redis;

import dev.bulwark.impl.shared.SharedState;
import dev.bulwark.impl.shared.SharedStoreFactory;
import dev.bulwark.impl.shared.SharedStoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The store of {@code @Shared} CDI methods, from the settings the deployment's definition read and validated
 * ({@link SharedStoreOptions}: {@code bulwark.redis.url}, {@code bulwark.redis.key-prefix} (default {@code bulwark:}),
 * {@code bulwark.redis.command-timeout} (milliseconds, default 50), {@code bulwark.redis.request-queue-size}
 * (commands waiting per connection, default {@value RedisStore#DEFAULT_REQUEST_QUEUE_SIZE}),
 * {@code bulwark.redis.on-failure} ({@code local}, {@code allow} or {@code reject}; default local),
 * {@code bulwark.redis.cluster} (default false) and {@code bulwark.redis.tls.ca-file},
 * {@code bulwark.redis.tls.trust-store}, {@code bulwark.redis.tls.trust-store-password}).
 */
public final class RedisStoreFactory implements SharedStoreFactory {

    @Override
    public SharedState open(SharedStoreOptions options) {
        if (options.url() == null) {
            throw new FaultToleranceDefinitionException("config key " + SharedStoreOptions.URL + " is not set");
        }
        RedisStore.Builder builder = RedisStore.builder(options.url()).cluster(options.cluster());
        if (options.keyPrefix() != null) {
            builder.keyPrefix(options.keyPrefix());
        }
        if (options.commandTimeoutMillis() > 0) {
            builder.commandTimeout(Duration.ofMillis(options.commandTimeoutMillis()));
        }
        if (options.requestQueueSize() > 0) {
            builder.requestQueueSize(options.requestQueueSize());
        }
        if (options.onFailure() != null) {
            builder.onFailure(OnFailure.valueOf(options.onFailure().toUpperCase(Locale.ROOT)));
        }
        if (options.tlsCaFile() != null) {
            builder.tlsCaFile(Path.of(options.tlsCaFile()));
        }
        if (options.tlsTrustStore() != null) {
            builder.tlsTrustStore(Path.of(options.tlsTrustStore()), options.tlsTrustStorePassword());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new FaultToleranceDefinitionException("config key " + SharedStoreOptions.URL + ": "
                    + e.getMessage(), e);
        }
    }
}

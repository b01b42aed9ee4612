package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.Shared;
import dev.bulwark.cdi.BulwarkExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.bulwark.api.PartitionKey;
import java.util.List;

/**
 * {@code @Shared} partitions: two Weld containers on one Redis (two replicas) share each key's limit exactly, and
 * keys a caller could craft to reach another key's Redis state ({@code :}, braces, {@code *}, a 1 MB key) each
 * keep their own.
 */
class SharedPartitionCdiTest {

    @ApplicationScoped
    public static class Api {
        @RateLimit(value = 3, window = 60)
        @Shared
        public String call(@PartitionKey String apiKey) {
            return "ok";
        }
    }

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(0);

    private static WeldContainer deploy(Map<String, String> config) {
        config.forEach(System::setProperty);
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
            return new Weld().disableDiscovery().addExtension(new BulwarkExtension()).addBeanClasses(Api.class)
                    .initialize();
        } finally {
            config.keySet().forEach(System::clearProperty);
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
    }

    private static int calls(WeldContainer app, String key, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            try {
                app.select(Api.class).get().call(key);
                granted++;
            } catch (RateLimitException refused) {
                // over the key's shared limit
            }
        }
        return granted;
    }

    @Test
    void shouldShareEachKeysLimitBetweenReplicasAndKeepCraftedKeysApart() {
        Map<String, String> config = new HashMap<>();
        config.put("bulwark.redis.url", redis.server().url());
        String prefix = "partitions-" + System.nanoTime() + ":";
        config.put("bulwark.redis.key-prefix", prefix);
        String huge = "k".repeat(1 << 20);
        List<String> keys = List.of("a", "b", "a:b", "{a}", "*", "a\nb", "", huge);
        try (WeldContainer one = deploy(config); WeldContainer two = deploy(config)) {
            for (String key : keys) {
                assertEquals(3, calls(one, key, 2) + calls(two, key, 2), "3 per minute for both replicas together, per key");
            }
            String stored = redis.server().command("KEYS " + prefix + "*");
            assertTrue(stored.startsWith("*" + keys.size() + "\r\n") || stored.startsWith("*" + keys.size() + "\n"),
                    "one Redis state per key: " + stored.lines().filter(l -> l.contains(prefix)).toList());
            assertTrue(stored.length() < 10_000, "the 1 MB key is not in Redis whole");
        }
    }
}

package dev.bulwark.it.quarkus.shared;

import dev.bulwark.redis.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real redis-server for the Quarkus app's tests, and the config that points the app's {@code @Shared} at it. */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    static RedisServer server;

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        return Map.of("bulwark.redis.url", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}

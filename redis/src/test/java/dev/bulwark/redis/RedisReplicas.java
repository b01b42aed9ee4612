package dev.bulwark.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's real redis-server and the stores its "replicas" use, started before the class and stopped after
 * it: {@code @RegisterExtension static final RedisReplicas redis = new RedisReplicas(2);}.
 */
final class RedisReplicas implements BeforeAllCallback, AfterAllCallback {

    private final int stores;
    private RedisServer server;
    private final List<RedisStore> opened = new ArrayList<>();

    RedisReplicas(int stores) {
        this.stores = stores;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
        for (int i = 0; i < stores; i++) {
            // A generous command timeout: these tests check sharing, and a loaded CI machine can hold one command up
            // past the 50 ms default, which would make a replica decide locally for a second (tested elsewhere).
            opened.add(RedisStore.builder(server.url()).commandTimeout(Duration.ofSeconds(2)).build());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        opened.forEach(RedisStore::close);
        opened.clear();
        server.close();
    }

    RedisServer server() {
        return server;
    }

    /** The store of replica {@code i}, counted from 0. */
    RedisStore store(int i) {
        return opened.get(i);
    }
}

package dev.bulwark.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The Lettuce client of one {@link RedisStore}, set up for a store that must never hold a call up: a standalone server
 * or a Sentinel-monitored master ({@link RedisClient}) or a Redis Cluster ({@link RedisClusterClient}), with the
 * trust for {@code rediss://}, a bounded request queue, commands refused at once while disconnected and reconnects
 * at most a second apart. It also tells a connection the server refused (password, ACL, certificate), which is a
 * configuration error, from an outage to wait out. The store keeps what it does with the connections (health,
 * reconnecting, breakers' subscription); this class keeps how they are made.
 */
final class LettuceClient {

    static {
        // Lettuce reads its transport switches when its classes load; RedisStore prepares them first too, but this
        // class must not depend on being reached only through it.
        NettyLine.prepare();
    }

    private final AbstractRedisClient client;
    private final ClientResources resources;

    /** A command connection to a standalone server, a Sentinel-monitored master or a cluster, by what scripts need. */
    record Connected(StatefulConnection<String, String> connection, RedisScriptingCommands<String, String> sync,
            RedisScriptingAsyncCommands<String, String> async) {
    }

    private LettuceClient(AbstractRedisClient client, ClientResources resources) {
        this.client = client;
        this.resources = resources;
    }

    /**
     * The trust for {@code rediss://} that {@code b} names, or null for the JDK's. Checked before any client or thread
     * exists, so that a wrong setting leaves nothing to shut down.
     */
    static SslOptions sslOptions(RedisStore.Builder b, List<RedisURI> uris) {
        if (b.caFile == null && b.trustStore == null) {
            return null;
        }
        if (b.caFile != null && b.trustStore != null) {
            throw new IllegalArgumentException("a CA file and a trust store are both given: choose one");
        }
        boolean tls = uris.stream().allMatch(u -> u.isSsl() || u.getSentinels().stream().anyMatch(RedisURI::isSsl));
        if (!tls) {
            throw new IllegalArgumentException("a CA file or trust store is given, but the URL "
                    + RedisUrls.redact(b.url) + " is not rediss:// (TLS)");
        }
        Path file = b.caFile != null ? b.caFile : b.trustStore;
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException((b.caFile != null ? "the CA file " : "the trust store ") + file
                    + " cannot be read");
        }
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        if (b.caFile != null) {
            ssl.trustManager(file.toFile());
        } else {
            ssl.truststore(file.toFile(), b.trustStorePassword == null ? "" : b.trustStorePassword);
        }
        return ssl.build();
    }

    /**
     * A client of {@code uris} with {@code b}'s timeouts and request queue and the trust {@code ssl} (null: the JDK's);
     * {@code onConnected} runs each time Lettuce has (re)connected. Connects nothing yet.
     */
    static LettuceClient create(RedisStore.Builder b, List<RedisURI> uris, SslOptions ssl, Runnable onConnected) {
        SocketOptions socket = SocketOptions.builder().connectTimeout(b.connectTimeout).build();
        // Lettuce's default reconnect delay doubles up to 30 s: after a failover that took a few seconds, sharing
        // would resume only at the next doubling. Capped at 1 s, it resumes within a second of the new master.
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(1), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        AbstractRedisClient client;
        if (b.cluster) {
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
                    .requestQueueSize(b.requestQueueSize)
                    .socketOptions(socket)
                    // A resharding or a failover answers MOVED (or fails a node): the topology is read again then,
                    // and every 30 s in any case.
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build());
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            clusterClient.setOptions(options.build());
            client = clusterClient;
        } else {
            RedisClient single = RedisClient.create(resources, uris.get(0));
            ClientOptions.Builder options = ClientOptions.builder()
                    .autoReconnect(true)
                    // While disconnected a command fails at once instead of queueing until its timeout.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
                    // A link that takes commands but never answers (half-open, or slower than the timeout) would
                    // otherwise keep every timed-out command in Lettuce's stack until an answer that may never come.
                    .requestQueueSize(b.requestQueueSize)
                    .socketOptions(socket);
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            single.setOptions(options.build());
            client = single;
        }
        // Lettuce reconnects by itself after a reset; without this the store would wait for the next second's probe
        // to notice, so sharing resumed up to a second after the link was back.
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                onConnected.run();
            }
        });
        return new LettuceClient(client, resources);
    }

    /** Opens a command connection whose commands time out after {@code commandTimeout}; throws when it cannot. */
    Connected connect(Duration commandTimeout) {
        if (client instanceof RedisClusterClient clusterClient) {
            var c = clusterClient.connect();
            c.setTimeout(commandTimeout);
            return new Connected(c, c.sync(), c.async());
        }
        var c = ((RedisClient) client).connect();
        c.setTimeout(commandTimeout);
        return new Connected(c, c.sync(), c.async());
    }

    /** Opens the connection that breaker changes are published and heard on; throws when it cannot. */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        if (client instanceof RedisClusterClient clusterClient) {
            return clusterClient.connectPubSub();
        }
        return ((RedisClient) client).connectPubSub();
    }

    /**
     * Why a failed {@link #connect} is a configuration error, for the store at {@code description}: the message to
     * throw (passwords not yet blanked out), or null when it is an outage to wait out.
     */
    static String refusal(RuntimeException e, String description) {
        RedisCommandExecutionException refused = find(e, RedisCommandExecutionException.class);
        // A server still loading, or a master not yet promoted, is an outage to wait out, not a refusal.
        if (refused != null && !RedisStore.isOutage(refused)) {
            return "Redis at " + description + " refused the connection: " + refused.getMessage()
                    + " (check the user name and password in the URL, and the user's ACL)";
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return "the TLS handshake with Redis at " + description + " failed (" + tls.getMessage() + "): check "
                    + "that bulwark.redis.tls.ca-file (or bulwark.redis.tls.trust-store) holds the CA that signed the "
                    + "server's certificate, that the certificate names the URL's host (it is verified), and that the "
                    + "port is the server's --tls-port";
        }
        return null;
    }

    /** The first {@code type} among {@code e}'s causes and suppressed exceptions, or null. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                T found = find(suppressed, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Closes the client and its threads, waiting at most 2 s for them. */
    void shutdown() {
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

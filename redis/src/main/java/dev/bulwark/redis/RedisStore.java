package dev.bulwark.redis;

import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.shared.SharedState;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Rate limits and circuit breakers shared by every replica that uses the same Redis and names, on Lettuce.
 *
 * <pre>{@code
 * RedisStore store = RedisStore.create("redis://redis.internal:6379");
 * Guard<Quote> partner = Guard.<Quote>builder()
 *         .withRateLimit(r -> r.limit(100, Duration.ofSeconds(1)).shared(store, "partner-api"))
 *         .withCircuitBreaker(cb -> cb.shared(store, "partner-api"))
 *         .build();
 * }</pre>
 *
 * <p>Each rate-limit decision is one script on the server (one round trip). Breakers count their outcomes locally and
 * meet in the store only when their state changes. A store that does not answer within the command timeout never
 * fails a call: the local limit and breaker decide, one warning is logged, and sharing resumes when it answers again.
 * Thread-safe; create one per application and close it at shutdown.
 */
public final class RedisStore implements SharedState {

    static {
        NettyLine.prepare();
    }

    /** How long one store command may take before the call decides locally. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(50);
    public static final String DEFAULT_KEY_PREFIX = "bulwark:";
    /**
     * How many commands may wait for their answers on one connection; more fail at once, and the calls decide by
     * {@link OnFailure} as when the store does not answer. Lettuce's own default has no bound.
     */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 1024;

    private final String description;
    private final String prefix;
    private final Duration commandTimeout;
    private final OnFailure onFailure;
    private final String replica = UUID.randomUUID().toString();
    private final AbstractRedisClient client;
    private final ClientResources resources;
    private final boolean cluster;
    /** Every password of the URLs, blanked out of any message we write or log. */
    private final List<String> secrets;
    private final StoreHealth health;
    private final SharedBreakers breakers;
    private final ScheduledExecutorService reconnector;
    private volatile Connected connection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;

    /** A command connection to a standalone server, a Sentinel-monitored master or a cluster, by what scripts need. */
    private record Connected(StatefulConnection<String, String> connection, RedisScriptingCommands<String, String> sync,
            RedisScriptingAsyncCommands<String, String> async) {
    }

    private RedisStore(Builder b) {
        this.description = redact(b.url);
        this.cluster = b.cluster;
        List<RedisURI> uris = parse(b.url, b.cluster);
        List<String> passwords = passwordsOf(b.url);
        if (b.trustStorePassword != null && !b.trustStorePassword.isEmpty()) {
            passwords.add(b.trustStorePassword);
        }
        this.secrets = List.copyOf(passwords);
        SslOptions ssl = sslOptions(b, uris);
        this.prefix = b.keyPrefix;
        this.commandTimeout = b.commandTimeout;
        this.onFailure = b.onFailure;
        this.health = new StoreHealth(description, System::nanoTime, this::resync, this::scrub);
        this.breakers = new SharedBreakers(this);
        SocketOptions socket = SocketOptions.builder().connectTimeout(b.connectTimeout).build();
        // Lettuce's default reconnect delay doubles up to 30 s: after a failover that took a few seconds, sharing
        // would resume only at the next doubling. Capped at 1 s, it resumes within a second of the new master.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(1), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        if (cluster) {
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
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
            this.client = clusterClient;
        } else {
            RedisClient single = RedisClient.create(resources, uris.get(0));
            ClientOptions.Builder options = ClientOptions.builder()
                    .autoReconnect(true)
                    // While disconnected a command fails at once instead of queueing until its timeout.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                    // A link that takes commands but never answers (half-open, or slower than the timeout) would
                    // otherwise keep every timed-out command in Lettuce's stack until an answer that may never come.
                    .requestQueueSize(b.requestQueueSize)
                    .socketOptions(socket);
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            single.setOptions(options.build());
            this.client = single;
        }
        // Lettuce reconnects by itself after a reset; without this the store would wait for the next second's probe
        // to notice, so sharing resumed up to a second after the link was back.
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                health.probeNow();
            }
        });
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulwark-redis-reconnect");
            t.setDaemon(true);
            return t;
        });
        connect();
    }

    /** The passwords in the user-info parts of {@code url} (all its URLs), as written and URL-decoded. */
    private static List<String> passwordsOf(String url) {
        List<String> passwords = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("//([^@/,]+)@").matcher(url);
        while (m.find()) {
            String info = m.group(1);
            String password = info.indexOf(':') >= 0 ? info.substring(info.indexOf(':') + 1) : info;
            if (!password.isEmpty()) {
                passwords.add(password);
                try {
                    passwords.add(java.net.URLDecoder.decode(password, java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncoded) {
                    // kept as written
                }
            }
        }
        return passwords;
    }

    private static List<RedisURI> parse(String url, boolean cluster) {
        List<String> parts = new ArrayList<>();
        if (cluster) {
            for (String part : url.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        } else {
            parts.add(url.trim());
        }
        List<RedisURI> uris = new ArrayList<>();
        for (String part : parts) {
            try {
                RedisURI uri = RedisURI.create(part);
                if (cluster && !uri.getSentinels().isEmpty()) {
                    throw new IllegalArgumentException("a Redis Cluster is not reached through Sentinel: give its "
                            + "nodes' redis:// or rediss:// URLs");
                }
                uris.add(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a Redis URL: " + redact(part) + " (" + e.getMessage() + ")", e);
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("not a Redis URL: " + redact(url));
        }
        return uris;
    }

    private static SslOptions sslOptions(Builder b, List<RedisURI> uris) {
        if (b.caFile == null && b.trustStore == null) {
            return null;
        }
        if (b.caFile != null && b.trustStore != null) {
            throw new IllegalArgumentException("a CA file and a trust store are both given: choose one");
        }
        boolean tls = uris.stream().allMatch(u -> u.isSsl() || u.getSentinels().stream().anyMatch(RedisURI::isSsl));
        if (!tls) {
            throw new IllegalArgumentException("a CA file or trust store is given, but the URL " + redact(b.url)
                    + " is not rediss:// (TLS)");
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

    /** A store on {@code url} ({@code redis://[[user:]password@]host[:port][/database]}, {@code rediss://} for TLS,
     * {@code redis-sentinel://[password@]host[:port][,host[:port]...][/database]#master} for Sentinel). */
    public static RedisStore create(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * Connects; a server that cannot be reached now is tried again every second in the background (calls decide
     * locally meanwhile), but a server that refuses us (a wrong password) or that we refuse (a certificate our trust
     * does not accept) is a configuration error.
     */
    private void connect() {
        long started = health.now();
        try {
            Connected commands;
            StatefulRedisPubSubConnection<String, String> pubsub;
            if (client instanceof RedisClusterClient clusterClient) {
                var c = clusterClient.connect();
                c.setTimeout(commandTimeout);
                commands = new Connected(c, c.sync(), c.async());
                pubsub = clusterClient.connectPubSub();
            } else {
                var c = ((RedisClient) client).connect();
                c.setTimeout(commandTimeout);
                commands = new Connected(c, c.sync(), c.async());
                pubsub = ((RedisClient) client).connectPubSub();
            }
            pubsub.addListener(breakers);
            pubsub.sync().subscribe(breakers.channel());
            this.connection = commands;
            this.subscription = pubsub;
            health.succeeded(started);
            resync();
        } catch (RuntimeException e) {
            RedisCommandExecutionException refused = find(e, RedisCommandExecutionException.class);
            // A server still loading, or a master not yet promoted, is an outage to wait out, not a refusal.
            if (refused != null && !isOutage(refused)) {
                shutdown();
                throw new IllegalArgumentException(scrub("Redis at " + description + " refused the connection: "
                        + refused.getMessage() + " (check the user name and password in the URL, and the user's ACL)"),
                        e);
            }
            SSLException tls = find(e, SSLException.class);
            if (tls != null) {
                shutdown();
                throw new IllegalArgumentException(scrub("the TLS handshake with Redis at " + description
                        + " failed (" + tls.getMessage() + "): check that bulwark.redis.tls.ca-file (or "
                        + "bulwark.redis.tls.trust-store) holds the CA that signed the server's certificate, that the "
                        + "certificate names the URL's host (it is verified), and that the port is the server's "
                        + "--tls-port"), e);
            }
            health.failed(e);
            if (!closed) {
                reconnector.schedule(this::connect, 1, TimeUnit.SECONDS);
            }
        }
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

    /** {@code message} with every password of the store's URLs blanked out. */
    String scrub(String message) {
        String clean = message == null ? "" : message;
        for (String secret : secrets) {
            clean = clean.replace(secret, "***");
        }
        return clean;
    }

    private void resync() {
        if (connection != null) {
            breakers.resyncAll();
        }
    }

    @Override
    public RateLimiter rateLimiter(String name, RateLimitSpec spec, RateLimiter local) {
        return new SharedRateLimiter(this, key("rl", name), spec, local);
    }

    @Override
    public void link(String name, CircuitBreaker breaker) {
        breakers.link(name, breaker);
    }

    @Override
    public void unlink(String name, CircuitBreaker breaker) {
        breakers.unlink(name, breaker);
    }

    @Override
    public boolean available() {
        return connection != null && health.available();
    }

    String key(String suffix) {
        return prefix + suffix;
    }

    /**
     * The key of {@code name}'s state of one {@code kind}: {@code <prefix><kind>:{<name>}}. The braces are a Redis
     * Cluster hash tag, so every key of one limit or breaker (a script's keys, with suffixes after the tag) lies in
     * one slot and each decision stays one round trip; different names spread over the nodes. Braces (and {@code %})
     * of the name itself are escaped as {@code %7B}, {@code %7D} and {@code %25}, so that no name can move its slot
     * or meet another name's keys.
     */
    String key(String kind, String name) {
        StringBuilder key = new StringBuilder(prefix.length() + kind.length() + name.length() + 4)
                .append(prefix).append(kind).append(":{");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '{' -> key.append("%7B");
                case '}' -> key.append("%7D");
                case '%' -> key.append("%25");
                default -> key.append(c);
            }
        }
        return key.append('}').toString();
    }

    String replica() {
        return replica;
    }

    OnFailure onFailure() {
        return onFailure;
    }

    StoreHealth health() {
        return health;
    }

    /** Whether a call should try the store now (it is connected, and answered lately or is due for a probe). */
    boolean shouldTry() {
        return connection != null && !closed && health.shouldTry();
    }

    /** Runs {@code script} and waits for its integer answer, within the command timeout. */
    long evalInteger(Script script, String[] keys, String... args) {
        var commands = Objects.requireNonNull(connection, "not connected").sync();
        try {
            Long result = commands.evalsha(script.sha(), ScriptOutputType.INTEGER, keys, args);
            return result;
        } catch (RedisNoScriptException notLoaded) {
            Long result = commands.eval(script.text(), ScriptOutputType.INTEGER, keys, args);
            return result;
        }
    }

    /** Runs {@code script} without waiting: for breaker changes, which must not hold up the call that made them. */
    <T> CompletionStage<T> evalAsync(Script script, ScriptOutputType type, String[] keys, String... args) {
        var commands = Objects.requireNonNull(connection, "not connected").async();
        return commands.<T>eval(script.text(), type, keys, args);
    }

    /** Closes the connections: guards built on this store decide locally from now on. */
    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        breakers.unlinkAll();
        StatefulRedisPubSubConnection<String, String> pubsub = subscription;
        if (pubsub != null) {
            pubsub.close();
        }
        Connected commands = connection;
        connection = null;
        if (commands != null) {
            commands.connection().close();
        }
        shutdown();
    }

    private void shutdown() {
        reconnector.shutdownNow();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RedisStore[" + description + ", prefix " + prefix + "]";
    }

    /** The URL without its password, for messages. */
    static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(//[^:@/,]*:)[^@/,]*@", "$1***@").replaceAll("//[^:@/,]+@", "//***@");
    }

    /**
     * Whether a script's error is the store's state, not the limit's (a replica that is read-only until it is
     * promoted, a cluster that is down or moving slots): then calls decide locally, as for a store that is down.
     */
    static boolean isOutage(RedisCommandExecutionException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.startsWith("READONLY") || m.startsWith("LOADING") || m.startsWith("MASTERDOWN")
                || m.startsWith("CLUSTERDOWN") || m.startsWith("TRYAGAIN") || m.startsWith("MOVED")
                || m.startsWith("ASK") || m.startsWith("NOREPLICAS") || m.startsWith("BUSY");
    }

    /**
     * Settings of a store; defaults: key prefix {@code bulwark:}, 50 ms command timeout, {@link OnFailure#LOCAL}, 1024
     * commands waiting per connection.
     */
    public static final class Builder {
        private final String url;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
        private OnFailure onFailure = OnFailure.LOCAL;
        private boolean cluster;
        private Path caFile;
        private Path trustStore;
        private String trustStorePassword;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** Put before every key, so that several applications can share one Redis. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /** How long a store command may take before the call decides locally; > 0. */
        public Builder commandTimeout(Duration commandTimeout) {
            if (commandTimeout.isNegative() || commandTimeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be > 0, was " + commandTimeout);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * How many commands may wait for their answers on one connection, >= 1; default
         * {@value RedisStore#DEFAULT_REQUEST_QUEUE_SIZE}. A command beyond it is not sent: the call decides by
         * {@link OnFailure}, as for a store that does not answer.
         */
        public Builder requestQueueSize(int requestQueueSize) {
            if (requestQueueSize < 1) {
                throw new IllegalArgumentException("requestQueueSize must be >= 1, was " + requestQueueSize);
            }
            this.requestQueueSize = requestQueueSize;
            return this;
        }

        /** What rate limits do while the store cannot be reached. */
        public Builder onFailure(OnFailure onFailure) {
            this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        /** The URL, or a comma-separated list of seed URLs, names the nodes of a Redis Cluster. */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        /** For {@code rediss://}: the PEM file of the CAs the server's certificate must chain to (not the JDK's). */
        public Builder tlsCaFile(Path caFile) {
            this.caFile = Objects.requireNonNull(caFile, "caFile");
            return this;
        }

        /** For {@code rediss://}: a PKCS#12 or JKS trust store of the CAs the server's certificate must chain to. */
        public Builder tlsTrustStore(Path trustStore, String password) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            this.trustStorePassword = password;
            return this;
        }

        public RedisStore build() {
            return new RedisStore(this);
        }
    }
}

package dev.bulwark.redis;

import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.shared.SharedState;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SslOptions;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final LettuceClient client;
    /** Every password of the URLs, blanked out of any message we write or log. */
    private final List<String> secrets;
    private final StoreHealth health;
    private final SharedBreakers breakers;
    private final ScheduledExecutorService reconnector;
    private volatile LettuceClient.Connected connection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;

    private RedisStore(Builder b) {
        this.description = RedisUrls.redact(b.url);
        List<RedisURI> uris = RedisUrls.parse(b.url, b.cluster);
        List<String> passwords = RedisUrls.passwordsOf(b.url);
        if (b.trustStorePassword != null && !b.trustStorePassword.isEmpty()) {
            passwords.add(b.trustStorePassword);
        }
        this.secrets = List.copyOf(passwords);
        SslOptions ssl = LettuceClient.sslOptions(b, uris);
        this.prefix = b.keyPrefix;
        this.commandTimeout = b.commandTimeout;
        this.onFailure = b.onFailure;
        this.health = new StoreHealth(description, System::nanoTime, this::resync, this::scrub);
        this.breakers = new SharedBreakers(this);
        this.client = LettuceClient.create(b, uris, ssl, health::probeNow);
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulwark-redis-reconnect");
            t.setDaemon(true);
            return t;
        });
        connect();
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
            LettuceClient.Connected commands = client.connect(commandTimeout);
            StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
            pubsub.addListener(breakers);
            pubsub.sync().subscribe(breakers.channel());
            this.connection = commands;
            this.subscription = pubsub;
            health.succeeded(started);
            resync();
        } catch (RuntimeException e) {
            String refusal = LettuceClient.refusal(e, description);
            if (refusal != null) {
                shutdown();
                throw new IllegalArgumentException(scrub(refusal), e);
            }
            health.failed(e);
            if (!closed) {
                reconnector.schedule(this::connect, 1, TimeUnit.SECONDS);
            }
        }
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
        LettuceClient.Connected commands = connection;
        connection = null;
        if (commands != null) {
            commands.connection().close();
        }
        shutdown();
    }

    private void shutdown() {
        reconnector.shutdownNow();
        client.shutdown();
    }

    @Override
    public String toString() {
        return "RedisStore[" + description + ", prefix " + prefix + "]";
    }

    /**
     * Whether a script's error is the store's state, not the limit's (a replica that is read-only until it is
     * promoted, a cluster that is down or moving slots): then calls decide locally, as for a store that is down.
     * A script that touches a key its node no longer holds while the slot migrates is stopped by Redis with a plain
     * {@code ERR} ("Script attempted to access a non local key in a cluster node"): a script cannot follow ASK, so
     * that too is the slot moving, not a bad key.
     */
    static boolean isOutage(RedisCommandExecutionException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.startsWith("READONLY") || m.startsWith("LOADING") || m.startsWith("MASTERDOWN")
                || m.startsWith("CLUSTERDOWN") || m.startsWith("TRYAGAIN") || m.startsWith("MOVED")
                || m.startsWith("ASK") || m.startsWith("NOREPLICAS") || m.startsWith("BUSY")
                || m.contains("non local key in a cluster node");
    }

    /**
     * Settings of a store; defaults: key prefix {@code bulwark:}, 50 ms command timeout, {@link OnFailure#LOCAL}, 1024
     * commands waiting per connection.
     */
    public static final class Builder {
        // Package-private, not private: LettuceClient and RedisUrls read them while the store is built.
        final String url;
        String keyPrefix = DEFAULT_KEY_PREFIX;
        Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        Duration connectTimeout = Duration.ofSeconds(2);
        int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
        OnFailure onFailure = OnFailure.LOCAL;
        boolean cluster;
        Path caFile;
        Path trustStore;
        String trustStorePassword;

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

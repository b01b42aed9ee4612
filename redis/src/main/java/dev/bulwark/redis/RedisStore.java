package dev.bulwark.redis;

import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.shared.SharedState;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
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

    private final String description;
    private final String prefix;
    private final Duration commandTimeout;
    private final OnFailure onFailure;
    private final String replica = UUID.randomUUID().toString();
    private final RedisClient client;
    private final StoreHealth health;
    private final SharedBreakers breakers;
    private final ScheduledExecutorService reconnector;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;

    private RedisStore(Builder b) {
        RedisURI uri;
        try {
            uri = RedisURI.create(b.url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL: " + redact(b.url) + " (" + e.getMessage() + ")", e);
        }
        this.description = redact(b.url);
        this.prefix = b.keyPrefix;
        this.commandTimeout = b.commandTimeout;
        this.onFailure = b.onFailure;
        this.health = new StoreHealth(description, System::nanoTime, this::resync);
        this.breakers = new SharedBreakers(this);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While disconnected a command fails at once instead of queueing until its timeout.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).build())
                .build());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulwark-redis-reconnect");
            t.setDaemon(true);
            return t;
        });
        connect();
    }

    /** A store on {@code url} ({@code redis://[password@]host[:port][/database]}, {@code rediss://} for TLS). */
    public static RedisStore create(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * Connects; a server that cannot be reached now is tried again every second in the background (calls decide
     * locally meanwhile), but a server that refuses us (a wrong password, say) is a configuration error.
     */
    private void connect() {
        try {
            StatefulRedisConnection<String, String> commands = client.connect();
            commands.setTimeout(commandTimeout);
            StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
            pubsub.addListener(breakers);
            pubsub.sync().subscribe(breakers.channel());
            this.connection = commands;
            this.subscription = pubsub;
            health.succeeded();
            resync();
        } catch (RedisConnectionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RedisCommandExecutionException refused) {
                client.shutdown(0, 1, TimeUnit.SECONDS);
                throw new IllegalArgumentException("Redis at " + description + " refused the connection: "
                        + refused.getMessage(), e);
            }
            health.failed(e);
            if (!closed) {
                reconnector.schedule(this::connect, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void resync() {
        if (connection != null) {
            breakers.resyncAll();
        }
    }

    @Override
    public RateLimiter rateLimiter(String name, RateLimitSpec spec, RateLimiter local) {
        return new SharedRateLimiter(this, key("rl:" + name), spec, local);
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
        StatefulRedisConnection<String, String> commands = connection;
        connection = null;
        if (commands != null) {
            commands.close();
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RedisStore[" + description + ", prefix " + prefix + "]";
    }

    /** The URL without its password, for messages. */
    static String redact(String url) {
        return url == null ? "null" : url.replaceAll("//[^@/]*@", "//***@");
    }

    /** Settings of a store; defaults: key prefix {@code bulwark:}, 50 ms command timeout, {@link OnFailure#LOCAL}. */
    public static final class Builder {
        private final String url;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private OnFailure onFailure = OnFailure.LOCAL;

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

        /** What rate limits do while the store cannot be reached. */
        public Builder onFailure(OnFailure onFailure) {
            this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        public RedisStore build() {
            return new RedisStore(this);
        }
    }
}

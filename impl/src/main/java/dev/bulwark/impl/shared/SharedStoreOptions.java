package dev.bulwark.impl.shared;

import java.util.Objects;

/**
 * Where the replicas of a deployment share {@code @Shared} state: what a {@link SharedStoreFactory} opens. Read from
 * MicroProfile Config by {@code bulwark-cdi}, under the key named beside each setting. Built with
 * {@link #builder(String)}; immutable, and equal to other options with the same settings.
 *
 * <ul>
 * <li>{@link #url()}: {@value #URL}, or null when it is not set (then no method may be {@code @Shared})</li>
 * <li>{@link #keyPrefix()}: {@value #KEY_PREFIX}, or null for the store's default ({@code bulwark:})</li>
 * <li>{@link #commandTimeoutMillis()}: {@value #COMMAND_TIMEOUT} in milliseconds, >= 1; 0 for the store's default
 * (50)</li>
 * <li>{@link #requestQueueSize()}: {@value #REQUEST_QUEUE_SIZE}, how many commands may wait for their answers on one
 * connection, >= 1; 0 for the store's default (1024)</li>
 * <li>{@link #onFailure()}: {@value #ON_FAILURE}: {@code local}, {@code allow} or {@code reject}; null for the default
 * (local)</li>
 * <li>{@link #cluster()}: {@value #CLUSTER}: the URL (or a comma-separated list of seed URLs) names a Redis
 * Cluster</li>
 * <li>{@link #tlsCaFile()}: {@value #TLS_CA_FILE}: PEM file of the certificate authorities a {@code rediss://}
 * server's certificate must chain to, or null</li>
 * <li>{@link #tlsTrustStore()}: {@value #TLS_TRUST_STORE}: a PKCS#12 or JKS trust store instead, or null (neither: the
 * JDK's)</li>
 * <li>{@link #tlsTrustStorePassword()}: {@value #TLS_TRUST_STORE_PASSWORD}, or null; never shown by
 * {@link #toString()}</li>
 * </ul>
 */
public final class SharedStoreOptions {

    public static final String URL = "bulwark.redis.url";
    public static final String KEY_PREFIX = "bulwark.redis.key-prefix";
    public static final String COMMAND_TIMEOUT = "bulwark.redis.command-timeout";
    public static final String REQUEST_QUEUE_SIZE = "bulwark.redis.request-queue-size";
    public static final String ON_FAILURE = "bulwark.redis.on-failure";
    public static final String CLUSTER = "bulwark.redis.cluster";
    public static final String TLS_CA_FILE = "bulwark.redis.tls.ca-file";
    public static final String TLS_TRUST_STORE = "bulwark.redis.tls.trust-store";
    public static final String TLS_TRUST_STORE_PASSWORD = "bulwark.redis.tls.trust-store-password";

    private final String url;
    private final String keyPrefix;
    private final long commandTimeoutMillis;
    private final int requestQueueSize;
    private final String onFailure;
    private final boolean cluster;
    private final String tlsCaFile;
    private final String tlsTrustStore;
    private final String tlsTrustStorePassword;

    private SharedStoreOptions(Builder b) {
        this.url = b.url;
        this.keyPrefix = b.keyPrefix;
        this.commandTimeoutMillis = b.commandTimeoutMillis;
        this.requestQueueSize = b.requestQueueSize;
        this.onFailure = b.onFailure;
        this.cluster = b.cluster;
        this.tlsCaFile = b.tlsCaFile;
        this.tlsTrustStore = b.tlsTrustStore;
        this.tlsTrustStorePassword = b.tlsTrustStorePassword;
    }

    /** The settings of a standalone store at {@code url}, every other setting at its default. */
    public static SharedStoreOptions of(String url) {
        return builder(url).build();
    }

    /** Settings of a store at {@code url} (null: not set), every setting at its default until it is given. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    public String url() {
        return url;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public long commandTimeoutMillis() {
        return commandTimeoutMillis;
    }

    public int requestQueueSize() {
        return requestQueueSize;
    }

    public String onFailure() {
        return onFailure;
    }

    public boolean cluster() {
        return cluster;
    }

    public String tlsCaFile() {
        return tlsCaFile;
    }

    public String tlsTrustStore() {
        return tlsTrustStore;
    }

    public String tlsTrustStorePassword() {
        return tlsTrustStorePassword;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedStoreOptions other && Objects.equals(url, other.url)
                && Objects.equals(keyPrefix, other.keyPrefix) && commandTimeoutMillis == other.commandTimeoutMillis
                && requestQueueSize == other.requestQueueSize && Objects.equals(onFailure, other.onFailure)
                && cluster == other.cluster && Objects.equals(tlsCaFile, other.tlsCaFile)
                && Objects.equals(tlsTrustStore, other.tlsTrustStore)
                && Objects.equals(tlsTrustStorePassword, other.tlsTrustStorePassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, keyPrefix, commandTimeoutMillis, requestQueueSize, onFailure, cluster, tlsCaFile,
                tlsTrustStore, tlsTrustStorePassword);
    }

    @Override
    public String toString() {
        return "SharedStoreOptions[" + (url == null ? "no url" : url.replaceAll("(//[^:@/,]*:)[^@/]*@", "$1***@")
                .replaceAll("//[^:@/,]+@", "//***@")) + ", prefix " + keyPrefix + ", timeout " + commandTimeoutMillis
                + " ms, request queue " + requestQueueSize + ", on-failure " + onFailure + ", cluster " + cluster
                + ", ca-file " + tlsCaFile + ", trust-store " + tlsTrustStore
                + (tlsTrustStorePassword == null ? "" : ", trust-store-password ***") + "]";
    }

    /**
     * Settings of a store, each at its default (null, 0 or false: the store decides) until it is given. The values are
     * taken as given: {@code bulwark-cdi} validates them against their config keys, the store again when it opens.
     */
    public static final class Builder {
        private final String url;
        private String keyPrefix;
        private long commandTimeoutMillis;
        private int requestQueueSize;
        private String onFailure;
        private boolean cluster;
        private String tlsCaFile;
        private String tlsTrustStore;
        private String tlsTrustStorePassword;

        private Builder(String url) {
            this.url = url;
        }

        /** {@value SharedStoreOptions#KEY_PREFIX}; null for the store's default. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** {@value SharedStoreOptions#COMMAND_TIMEOUT} in milliseconds; 0 for the store's default. */
        public Builder commandTimeoutMillis(long commandTimeoutMillis) {
            this.commandTimeoutMillis = commandTimeoutMillis;
            return this;
        }

        /** {@value SharedStoreOptions#REQUEST_QUEUE_SIZE}; 0 for the store's default. */
        public Builder requestQueueSize(int requestQueueSize) {
            this.requestQueueSize = requestQueueSize;
            return this;
        }

        /** {@value SharedStoreOptions#ON_FAILURE} in lower case; null for the store's default. */
        public Builder onFailure(String onFailure) {
            this.onFailure = onFailure;
            return this;
        }

        /** {@value SharedStoreOptions#CLUSTER}. */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        /** {@value SharedStoreOptions#TLS_CA_FILE}; null for none. */
        public Builder tlsCaFile(String tlsCaFile) {
            this.tlsCaFile = tlsCaFile;
            return this;
        }

        /** {@value SharedStoreOptions#TLS_TRUST_STORE}; null for none. */
        public Builder tlsTrustStore(String tlsTrustStore) {
            this.tlsTrustStore = tlsTrustStore;
            return this;
        }

        /** {@value SharedStoreOptions#TLS_TRUST_STORE_PASSWORD}; null for none. */
        public Builder tlsTrustStorePassword(String tlsTrustStorePassword) {
            this.tlsTrustStorePassword = tlsTrustStorePassword;
            return this;
        }

        public SharedStoreOptions build() {
            return new SharedStoreOptions(this);
        }
    }
}

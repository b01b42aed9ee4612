package dev.bulwark.impl.shared;

/**
 * Where the replicas of a deployment share {@code @Shared} state: what a {@link SharedStoreFactory} opens. Read from
 * MicroProfile Config by {@code bulwark-cdi}, under the key named beside each component.
 *
 * @param url {@value #URL}, or null when it is not set (then no method may be {@code @Shared})
 * @param keyPrefix {@value #KEY_PREFIX}, or null for the store's default ({@code bulwark:})
 * @param commandTimeoutMillis {@value #COMMAND_TIMEOUT} in milliseconds, >= 1; 0 for the store's default (50)
 * @param onFailure {@value #ON_FAILURE}: {@code local}, {@code allow} or {@code reject}; null for the default (local)
 * @param cluster {@value #CLUSTER}: the URL (or a comma-separated list of seed URLs) names a Redis Cluster
 * @param tlsCaFile {@value #TLS_CA_FILE}: PEM file of the certificate authorities a {@code rediss://} server's
 *        certificate must chain to, or null
 * @param tlsTrustStore {@value #TLS_TRUST_STORE}: a PKCS#12 or JKS trust store instead, or null (neither: the JDK's)
 * @param tlsTrustStorePassword {@value #TLS_TRUST_STORE_PASSWORD}, or null; never shown by {@link #toString()}
 */
public record SharedStoreOptions(String url, String keyPrefix, long commandTimeoutMillis, String onFailure,
        boolean cluster, String tlsCaFile, String tlsTrustStore, String tlsTrustStorePassword) {

    public static final String URL = "bulwark.redis.url";
    public static final String KEY_PREFIX = "bulwark.redis.key-prefix";
    public static final String COMMAND_TIMEOUT = "bulwark.redis.command-timeout";
    public static final String ON_FAILURE = "bulwark.redis.on-failure";
    public static final String CLUSTER = "bulwark.redis.cluster";
    public static final String TLS_CA_FILE = "bulwark.redis.tls.ca-file";
    public static final String TLS_TRUST_STORE = "bulwark.redis.tls.trust-store";
    public static final String TLS_TRUST_STORE_PASSWORD = "bulwark.redis.tls.trust-store-password";

    /** The settings of a standalone store at {@code url}, every other setting at its default. */
    public static SharedStoreOptions of(String url) {
        return new SharedStoreOptions(url, null, 0, null, false, null, null, null);
    }

    @Override
    public String toString() {
        return "SharedStoreOptions[" + (url == null ? "no url" : url.replaceAll("(//[^:@/,]*:)[^@/]*@", "$1***@")
                .replaceAll("//[^:@/,]+@", "//***@")) + ", prefix " + keyPrefix + ", timeout " + commandTimeoutMillis
                + " ms, on-failure " + onFailure + ", cluster " + cluster + ", ca-file " + tlsCaFile + ", trust-store "
                + tlsTrustStore + (tlsTrustStorePassword == null ? "" : ", trust-store-password ***") + "]";
    }
}

package dev.bulwark.api;

/**
 * The kinds of downstream {@link Guarded} is tuned for. The README's preset table gives each one's values and why.
 */
public enum Preset {
    /** A service of your own over HTTP, in the same network: quick to answer, worth a quick retry. */
    HTTP_INTERNAL,
    /** A partner's or a public API over the internet: slower, rate-conscious, slow to recover. */
    HTTP_EXTERNAL,
    /** A relational database: no retry (writes are often not idempotent; add {@code @Retry} for reads). */
    DATABASE,
    /** A cache (Redis, Memcached): an answer in milliseconds or none; no retry, the caller falls through. */
    CACHE,
    /** A message broker (Kafka, RabbitMQ, JMS) being published to: retried patiently. */
    MESSAGE_BROKER,
    /** An object store (S3 and the like): large transfers, long timeouts, retried. */
    OBJECT_STORAGE
}

package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the argument whose {@code toString()} names the caller's partition: on a method with this parameter,
 * {@code @RateLimit}, {@code @CircuitBreaker} and {@code @Bulkhead} keep one state per key (100 calls a minute per API
 * key, a breaker per downstream host, 5 concurrent calls per tenant), each with the method's settings and their MP
 * Config overrides; {@code @Retry}, {@code @Timeout} and {@code @Fallback} are unchanged. A null argument is one
 * partition of its own. Keys are untrusted input: a long or unusual key is hashed, never stored whole or logged.
 *
 * <p>At most {@code bulwark.partitions.max} partitions (default 10,000) are live per method; those at rest are evicted
 * least recently used first, and when none is at rest new keys share one overflow partition. Two
 * {@code @PartitionKey} parameters, or one beside {@link PartitionedBy}, fail deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PartitionKey {
}

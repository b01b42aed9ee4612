package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Partitions a method's (or every method of a class's) rate limit, breaker and bulkhead by a key that is not an
 * argument (the authenticated user, a header): {@link #value()} gives it for each call, as {@link PartitionKey} does
 * for an argument. Beside a {@code @PartitionKey} parameter, deployment fails.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PartitionedBy {

    /**
     * Gives each call's key: the CDI bean of this class when there is one, else an instance made with its public
     * no-argument constructor.
     *
     * @return the resolver's class
     */
    Class<? extends PartitionKeyResolver> value();
}

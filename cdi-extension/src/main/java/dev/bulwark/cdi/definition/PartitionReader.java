package dev.bulwark.cdi.definition;

import dev.bulwark.api.PartitionKey;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.PartitionedBy;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Reads how a method is partitioned: one {@code @PartitionKey} parameter or a {@code @PartitionedBy} (on the method,
 * else its class), never both, and only where a rate limit, breaker or bulkhead has state to partition.
 */
final class PartitionReader {

    /** The config key of the bound on live partitions per method. */
    static final String MAX = "bulwark.partitions.max";
    static final int DEFAULT_MAX = 10_000;
    /** The config key that gives each partition series of its own, tagged {@code partition}. */
    static final String METRICS_TAG = "bulwark.partitions.metrics-tag";

    private final ConfigLookup config;
    private final Problems problems;

    PartitionReader(ConfigLookup config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    /** The method's partitioning, or null when it has none (or an invalid one: then problems say why). */
    Partitioning read(MethodDefinition.Builder definition) {
        Method method = definition.method();
        String where = ClassNames.of(definition.beanClass()) + "." + method.getName() + "()";
        List<Integer> keys = new ArrayList<>(1);
        Annotation[][] parameters = method.getParameterAnnotations();
        for (int i = 0; i < parameters.length; i++) {
            for (Annotation a : parameters[i]) {
                if (a.annotationType() == PartitionKey.class) {
                    keys.add(i);
                }
            }
        }
        PartitionedBy by = method.getAnnotation(PartitionedBy.class);
        boolean onClass = false;
        if (by == null) {
            by = definition.beanClass().getAnnotation(PartitionedBy.class);
            onClass = by != null;
        }
        if (keys.isEmpty() && by == null) {
            return null;
        }
        boolean stateful = definition.isInForce(RateLimit.class) || definition.isInForce(CircuitBreaker.class)
                || definition.isInForce(Bulkhead.class);
        if (onClass && keys.isEmpty() && !stateful) {
            return null; // a class's @PartitionedBy partitions the methods that have state to partition
        }
        boolean valid = true;
        if (keys.size() > 1) {
            problems.add(where + ": @PartitionKey is on parameters " + keys + "; a method has one key, on one"
                    + " parameter");
            valid = false;
        }
        if (!keys.isEmpty() && by != null) {
            problems.add(where + ": @PartitionKey (parameter " + keys.get(0) + ") and @PartitionedBy("
                    + by.value().getName() + ") both name the key; keep one");
            valid = false;
        }
        if (!stateful) {
            problems.add(where + ": " + (keys.isEmpty() ? "@PartitionedBy" : "@PartitionKey") + " partitions the"
                    + " state of @RateLimit, @CircuitBreaker and @Bulkhead, and the method has none of them");
            valid = false;
        }
        int max = max();
        Boolean tagged = metricsTag();
        if (!valid || max < 1 || tagged == null) {
            return null;
        }
        return keys.isEmpty() ? new Partitioning(-1, by.value(), max, tagged)
                : new Partitioning(keys.get(0), null, max, tagged);
    }

    /** {@code bulwark.partitions.metrics-tag}, false by default; null when it is neither true nor false. */
    private Boolean metricsTag() {
        Optional<String> value = config.get(METRICS_TAG).map(String::trim);
        if (value.isEmpty()) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.get());
        }
        problems.add("config key " + METRICS_TAG + " must be true or false, was " + value.get());
        return null;
    }

    private int max() {
        Optional<String> value = config.get(MAX).map(String::trim);
        if (value.isEmpty()) {
            return DEFAULT_MAX;
        }
        try {
            int max = Integer.parseInt(value.get());
            if (max >= 1) {
                return max;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("config key " + MAX + " must be an int >= 1, was " + value.get());
        return -1;
    }
}

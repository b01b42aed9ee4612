package dev.bulwark.cdi.definition;

import static dev.bulwark.cdi.definition.AnnotationParameters.nanos;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import java.time.temporal.ChronoUnit;

/** Reads a method's {@code @RateLimit}. */
final class RateLimitReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    RateLimitReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        AnnotationParameters found = lookup.find(RateLimit.class, definition.beanClass(), definition.method());
        if (found != null) {
            definition.inForce(RateLimit.class).rateLimit(read(found));
        }
    }

    /** A method's {@code @RateLimit}, each value checked against the others; null (with problems) if invalid. */
    static RateLimitSpec read(AnnotationParameters p) {
        int value = p.intValue("value");
        long window = p.longValue("window");
        long minSpacing = p.longValue("minSpacing");
        int burst = p.intValue("burst");
        long maxWait = p.longValue("maxWait");
        RateLimitType type = p.enumValue("type", RateLimitType.class);
        // Every unit is read up front, so that a bad one is reported even when another value is bad too.
        ChronoUnit windowUnit = p.unit("windowUnit");
        ChronoUnit minSpacingUnit = p.unit("minSpacingUnit");
        ChronoUnit maxWaitUnit = p.unit("maxWaitUnit");
        return p.spec(() -> new RateLimitSpec(value, nanos(window, windowUnit), nanos(minSpacing, minSpacingUnit),
                type, burst, nanos(maxWait, maxWaitUnit)));
    }
}

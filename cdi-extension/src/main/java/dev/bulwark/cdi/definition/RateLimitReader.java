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
        boolean valid = true;
        valid &= p.atLeast("value", value, 1);
        valid &= p.atLeast("window", window, 1);
        valid &= p.atLeast("minSpacing", minSpacing, 0);
        valid &= p.atLeast("burst", burst, 0);
        valid &= p.atLeast("maxWait", maxWait, 0);
        if (valid && burst > 0 && type != RateLimitType.SMOOTH) {
            p.invalid("burst", burst, "must be 0 unless type is SMOOTH (type is " + type + ")", "type");
            valid = false;
        }
        long windowNanos = nanos(window, windowUnit);
        if (valid && value > windowNanos) {
            p.invalid("value", value, "must be at most one permit per nanosecond of the window (" + window + " "
                    + windowUnit + ")", "window", "windowUnit");
            valid = false;
        }
        if (valid && type == RateLimitType.ROLLING && value > RateLimitSpec.MAX_ROLLING_VALUE) {
            p.invalid("value", value, "must be <= " + RateLimitSpec.MAX_ROLLING_VALUE + " with type ROLLING", "type");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        // The spec checks the same again; what is left for it (a SMOOTH bucket too long to count) is rare.
        try {
            return new RateLimitSpec(value, windowNanos,
                    nanos(minSpacing, minSpacingUnit), type, burst, nanos(maxWait, maxWaitUnit));
        } catch (IllegalArgumentException e) {
            p.invalid("value", value, "does not fit the other settings: " + e.getMessage());
            return null;
        }
    }
}

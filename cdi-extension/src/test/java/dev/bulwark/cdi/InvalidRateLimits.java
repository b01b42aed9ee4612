package dev.bulwark.cdi;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;

/** Beans whose {@code @RateLimit} is invalid, one problem each; every method is called {@code guarded}. */
final class InvalidRateLimits {

    private InvalidRateLimits() {
    }

    @ApplicationScoped
    public static class ValueZero {
        @RateLimit(0)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class WindowZero {
        @RateLimit(window = 0)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class MinSpacingNegative {
        @RateLimit(minSpacing = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BurstNegative {
        @RateLimit(type = RateLimitType.SMOOTH, burst = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class MaxWaitNegative {
        @RateLimit(maxWait = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BurstWithFixedType {
        @RateLimit(burst = 5)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BurstWithRollingType {
        @RateLimit(type = RateLimitType.ROLLING, burst = 5)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class MorePermitsThanNanos {
        @RateLimit(value = 2000, window = 1, windowUnit = ChronoUnit.MICROS)
        public void guarded() {
        }
    }

    @ApplicationScoped
    @RateLimit(value = -4)
    public static class OnClass {
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class Valid {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public void guarded() {
        }
    }
}

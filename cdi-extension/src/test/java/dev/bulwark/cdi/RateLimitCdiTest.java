package dev.bulwark.cdi;

import static dev.bulwark.cdi.Permits.permitted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code @RateLimit} on CDI beans: on a method and on a class, one limiter per bean class and method, shared by
 * every instance. Windows are an hour long, so nothing is refilled while a test runs.
 */
class RateLimitCdiTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @Dependent
    public static class Limited {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public String call() {
            CALLS.incrementAndGet();
            return "ok";
        }

        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public String other() {
            return "ok";
        }

        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS, type = RateLimitType.ROLLING)
        public void rolling() {
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS, type = RateLimitType.SMOOTH, burst = 3)
        public void smoothWithBurst() {
        }

        public String unlimited() {
            return "ok";
        }
    }

    @ApplicationScoped
    @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
    public static class ClassLimited {
        public void first() {
        }

        public void second() {
        }

        @RateLimit(value = 3, window = 1, windowUnit = ChronoUnit.HOURS)
        public void ownLimit() {
        }
    }

    @Test
    void shouldRejectACallBeyondTheLimitWithoutCallingTheMethod() {
        try (Deployment d = Deployment.of(Limited.class)) {
            CALLS.set(0);
            Limited bean = d.bean(Limited.class);
            assertEquals("ok", bean.call());
            assertEquals("ok", bean.call());
            RateLimitException rejected = assertThrows(RateLimitException.class, bean::call);
            assertEquals(2, CALLS.get());
            Duration retryAfter = rejected.retryAfter();
            assertTrue(retryAfter.compareTo(Duration.ZERO) > 0 && retryAfter.compareTo(Duration.ofHours(1)) <= 0,
                    "the next window starts within the hour: " + retryAfter);
        }
    }

    @Test
    void shouldGiveEachMethodItsOwnLimit() {
        try (Deployment d = Deployment.of(Limited.class)) {
            Limited bean = d.bean(Limited.class);
            assertEquals(2, permitted(bean::call));
            assertEquals(2, permitted(bean::other));
            assertEquals(Permits.TRIES, permitted(bean::unlimited));
        }
    }

    @Test
    void shouldShareTheLimitBetweenInstancesOfADependentBean() {
        try (Deployment d = Deployment.of(Limited.class)) {
            Limited first = d.bean(Limited.class);
            Limited second = d.bean(Limited.class);
            Limited third = d.bean(Limited.class);
            assertNotSame(first, second);
            first.call();
            second.call();
            assertThrows(RateLimitException.class, third::call);
        }
    }

    @Test
    void shouldCountWithTheTypeAndBurstTheAnnotationNames() {
        try (Deployment d = Deployment.of(Limited.class)) {
            Limited bean = d.bean(Limited.class);
            assertEquals(2, permitted(bean::rolling));
            assertEquals(3, permitted(bean::smoothWithBurst), "a full bucket of 3, though 1 per hour");
        }
    }

    @Test
    void shouldLimitEveryMethodOfAnAnnotatedClassSeparately() {
        try (Deployment d = Deployment.of(ClassLimited.class)) {
            ClassLimited bean = d.bean(ClassLimited.class);
            assertEquals(1, permitted(bean::first));
            assertEquals(1, permitted(bean::second));
        }
    }

    @Test
    void shouldLetAMethodAnnotationReplaceTheClassAnnotation() {
        try (Deployment d = Deployment.of(ClassLimited.class)) {
            assertEquals(3, permitted(d.bean(ClassLimited.class)::ownLimit));
        }
    }
}

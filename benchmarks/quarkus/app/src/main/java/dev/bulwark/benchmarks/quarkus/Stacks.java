package dev.bulwark.benchmarks.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The beans: one method each, under the settings of benchmarks/.../Settings.java (3 retries, a breaker over 20
 * calls at failure ratio 0.5 with the default 5 s delay, bulkhead 10, timeout 10 s). Bindings sit on the method
 * only, never the class, so {@link Target#mode} and {@link Target#probe} stay unintercepted.
 */
public final class Stacks {

    private Stacks() {
    }

    /** No binding: the client proxy alone. */
    @ApplicationScoped
    public static class Plain extends Target {
        @Override
        public String call() {
            return body();
        }
    }

    /** The floor: one interceptor of our own that only proceeds. */
    @ApplicationScoped
    public static class Noop extends Target {
        @Override
        @PassThrough
        public String call() {
            return body();
        }
    }

    @ApplicationScoped
    public static class RetryBreakerBulkhead extends Target {
        @Override
        @Retry(maxRetries = 3)
        @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5)
        @Bulkhead(10)
        public String call() {
            return body();
        }
    }

    @ApplicationScoped
    public static class WithTimeout extends Target {
        @Override
        @Retry(maxRetries = 3)
        @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5)
        @Bulkhead(10)
        @Timeout(10000)
        public String call() {
            return body();
        }
    }

    @ApplicationScoped
    public static class RetryOnly extends Target {
        @Override
        @Retry(maxRetries = 3)
        public String call() {
            return body();
        }
    }

    @ApplicationScoped
    public static class BreakerOnly extends Target {
        @Override
        @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5)
        public String call() {
            return body();
        }
    }

    @ApplicationScoped
    public static class BulkheadOnly extends Target {
        @Override
        @Bulkhead(10)
        public String call() {
            return body();
        }
    }

    @ApplicationScoped
    public static class TimeoutOnly extends Target {
        @Override
        @Timeout(10000)
        public String call() {
            return body();
        }
    }
}

package dev.bulwark.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Beans whose MP FT annotations are invalid, one problem each; every method is called {@code guarded}. */
final class InvalidBeans {

    private InvalidBeans() {
    }

    @ApplicationScoped
    public static class RetryMaxRetries {
        @Retry(maxRetries = -2)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class RetryDelay {
        @Retry(delay = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class RetryJitter {
        @Retry(jitter = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class RetryMaxDurationNegative {
        @Retry(maxDuration = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class RetryMaxDurationNotAboveDelay {
        @Retry(delay = 1000, maxDuration = 500)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BreakerFailureRatio {
        @CircuitBreaker(failureRatio = 1.5)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BreakerRequestVolume {
        @CircuitBreaker(requestVolumeThreshold = 0)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BreakerSuccessThreshold {
        @CircuitBreaker(successThreshold = 0)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BreakerDelay {
        @CircuitBreaker(delay = -1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BulkheadValue {
        @Bulkhead(0)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class BulkheadQueue {
        @Bulkhead(value = 1, waitingTaskQueue = 0)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class TimeoutValue {
        @Timeout(-1)
        public void guarded() {
        }
    }

    @ApplicationScoped
    public static class FallbackMissingMethod {
        @Fallback(fallbackMethod = "nowhere")
        public String guarded() {
            return "";
        }
    }

    @ApplicationScoped
    public static class FallbackWrongParameters {
        @Fallback(fallbackMethod = "other")
        public String guarded(String key) {
            return key;
        }

        String other(Integer key) {
            return "";
        }
    }

    @ApplicationScoped
    public static class FallbackWrongReturnType {
        @Fallback(fallbackMethod = "other")
        public String guarded() {
            return "";
        }

        Integer other() {
            return 0;
        }
    }

    @ApplicationScoped
    public static class FallbackHandlerOfWrongType {
        @Fallback(IntegerHandler.class)
        public String guarded() {
            return "";
        }
    }

    @ApplicationScoped
    public static class FallbackHandlerAndMethod {
        @Fallback(value = StringHandler.class, fallbackMethod = "other")
        public String guarded() {
            return "";
        }

        String other() {
            return "";
        }
    }

    @ApplicationScoped
    public static class AsynchronousNotAFuture {
        @Asynchronous
        public String guarded() {
            return "";
        }
    }

    /** A class-level annotation is checked for every business method; each one is reported. */
    @ApplicationScoped
    @Retry(maxRetries = -3)
    public static class ClassLevelRetry {
        public void one() {
        }

        public void two() {
        }
    }

    /** Two problems on one method: both are reported. */
    @ApplicationScoped
    public static class TwoOnOneMethod {
        @Retry(maxRetries = -2, jitter = -7)
        public void guarded() {
        }
    }

    @Dependent
    public static class IntegerHandler implements FallbackHandler<Integer> {
        @Override
        public Integer handle(ExecutionContext context) {
            return 0;
        }
    }

    @Dependent
    public static class StringHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "";
        }
    }
}

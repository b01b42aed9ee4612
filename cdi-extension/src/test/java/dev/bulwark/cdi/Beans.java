package dev.bulwark.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Beans the CDI tests deploy. */
final class Beans {

    private Beans() {
    }

    static final AtomicInteger CALLS = new AtomicInteger();

    @ApplicationScoped
    public static class Flaky {
        @Retry(maxRetries = 2, jitter = 0)
        public String alwaysFails() {
            CALLS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        @Retry(maxRetries = 5, jitter = 0)
        public String succeedsOnThird() {
            if (CALLS.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "third";
        }

        @Fallback(fallbackMethod = "cached")
        @Retry(maxRetries = 1, jitter = 0)
        public String withFallbackMethod(String key) {
            CALLS.incrementAndGet();
            throw new IllegalStateException("down");
        }

        private String cached(String key) {
            return "cached " + key;
        }

        @Fallback(Handler.class)
        public String withHandler(String key) {
            throw new IllegalArgumentException("bad " + key);
        }

        @Timeout(value = 50, unit = ChronoUnit.MILLIS)
        public String slow() throws InterruptedException {
            new CountDownLatch(1).await();
            return "never";
        }

        @Asynchronous
        @Retry(maxRetries = 2, jitter = 0)
        public CompletionStage<String> asyncStage() {
            return CALLS.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new IllegalStateException("no"))
                    : CompletableFuture.completedFuture("async " + Thread.currentThread().getName());
        }

        @Asynchronous
        public CompletionStage<String> asyncThrows() {
            throw new IllegalStateException("thrown, not returned");
        }

        @Asynchronous
        public Future<String> asyncFuture() {
            return CompletableFuture.completedFuture("future");
        }

        public String plain() {
            return "plain";
        }
    }

    @Dependent
    public static class Handler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "handled " + context.getMethod().getName() + " " + context.getParameters()[0] + " after "
                    + context.getFailure().getMessage();
        }
    }

    /** Dependent: every injection point gets a new instance, yet the breaker is shared. */
    @Dependent
    public static class Breaker {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
        public void fail() {
            throw new IllegalStateException("down");
        }
    }

    /** Class-level retry; one method overrides it. */
    @ApplicationScoped
    @Retry(maxRetries = 1, jitter = 0)
    public static class ClassLevel {
        public void inherited() {
            CALLS.incrementAndGet();
            throw new IllegalStateException();
        }

        @Retry(maxRetries = 3, jitter = 0)
        public void overridden() {
            CALLS.incrementAndGet();
            throw new IllegalStateException();
        }
    }
}

package dev.bulwark.it.app;

import dev.bulwark.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** One method per annotation, each the plain case a user writes first. */
@ApplicationScoped
public class Guarded {

    @Inject
    Attempts attempts;

    @Inject
    RequestScopedState requestState;

    @Retry(maxRetries = 3, delay = 0, jitter = 0)
    public String retried() {
        attempts.next("retried");
        throw new IllegalStateException("always fails");
    }

    /** Overridden to maxRetries = 5 in application.properties. */
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    public String configured() {
        attempts.next("configured");
        throw new IllegalStateException("always fails");
    }

    /** Overridden by an environment variable when the packaged app is started (see PackagedAppIT). */
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    public String launchConfigured() {
        attempts.next("launchConfigured");
        throw new IllegalStateException("always fails");
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60_000)
    public String breaker(boolean fail) {
        attempts.next("breaker");
        if (fail) {
            throw new IllegalStateException("downstream failed");
        }
        return "ok";
    }

    @Timeout(200)
    public String slow() throws InterruptedException {
        Thread.sleep(5_000);
        return "finished";
    }

    @Asynchronous
    public CompletionStage<String> asyncStage() {
        return CompletableFuture.completedFuture(Thread.currentThread().getName() + "|" + requestState.id());
    }

    @Asynchronous
    public Future<String> asyncFuture() {
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    @Bulkhead(1)
    public String bulkhead(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        release.await(10, TimeUnit.SECONDS);
        return "done";
    }

    @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
    public String rateLimited() {
        return "permitted";
    }

    @Fallback(fallbackMethod = "fallbackAnswer")
    public String withFallbackMethod(String who) {
        throw new IllegalStateException("failed for " + who);
    }

    String fallbackAnswer(String who) {
        return "fallback method for " + who;
    }

    @Fallback(GreetingFallback.class)
    public String withFallbackHandler(String who) {
        throw new IllegalStateException("failed for " + who);
    }
}

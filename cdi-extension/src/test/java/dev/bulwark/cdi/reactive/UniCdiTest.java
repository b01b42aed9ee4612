package dev.bulwark.cdi.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.cdi.BulwarkExtension;
import dev.bulwark.cdi.reactive.UniBeans.UniService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Uni-returning guarded beans on Weld: every strategy applies to the Uni's outcome, per subscription. */
class UniCdiTest {

    private static WeldContainer weld;

    @BeforeAll
    static void start() {
        weld = new Weld().disableDiscovery().addExtension(new BulwarkExtension())
                .addBeanClasses(UniService.class, UniBeans.ItemHandler.class, UniBeans.RefinedUnis.class).initialize();
    }

    @AfterAll
    static void stop() {
        weld.shutdown();
    }

    private UniService service() {
        UniService service = weld.select(UniService.class).get();
        service.methodCalls.set(0);
        service.subscriptions.set(0);
        service.threads.clear();
        return service;
    }

    private static Throwable failureOf(Uni<?> uni) {
        return assertThrows(ExecutionException.class,
                () -> uni.subscribeAsCompletionStage().get(10, TimeUnit.SECONDS)).getCause();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void shouldRetryTheUniWithANewSubscriptionPerAttemptAndStayLazy() {
        UniService service = service();
        Uni<String> uni = service.flaky();
        assertEquals(0, service.subscriptions.get(), "nothing runs before a subscription");
        assertEquals("third time", await(uni));
        assertEquals(3, service.methodCalls.get(), "the method is called again for each retry");
        assertEquals(3, service.subscriptions.get());
        assertEquals(Thread.currentThread().getName(), service.threads.get(0),
                "without @Asynchronous the first attempt runs on the subscribing thread");
    }

    @Test
    void shouldFailASlowUniWithTimeoutException() {
        long start = System.nanoTime();
        assertInstanceOf(TimeoutException.class, failureOf(service().slow()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "the 5 s Uni did not run to its end");
    }

    @Test
    void shouldOpenTheBreakerOnFailedUnis() {
        UniService service = service();
        assertInstanceOf(IllegalStateException.class, failureOf(service.broken()));
        assertInstanceOf(IllegalStateException.class, failureOf(service.broken()));
        assertInstanceOf(CircuitBreakerOpenException.class, failureOf(service.broken()));
        assertEquals(2, service.subscriptions.get());
    }

    @Test
    void shouldHoldBulkheadPlacesPerSubscription() {
        UniService service = service();
        service.gate = new CompletableFuture<>();
        Uni<String> call = service.held();
        CompletableFuture<String> first = call.subscribeAsCompletionStage();
        CompletableFuture<String> second = call.subscribeAsCompletionStage();
        Throwable third = failureOf(call);
        assertInstanceOf(BulkheadException.class, third, "one running, one waiting, the third rejected");
        service.gate.complete("open");
        assertEquals("open", first.join());
        assertEquals("open", second.join());
    }

    @Test
    void shouldApplyFallbacksReturningAPlainValueAUniOrFromAHandler() {
        assertEquals("plain fallback", await(service().withPlainFallback()));
        assertEquals("Uni fallback", await(service().withUniFallback()));
        assertEquals("handled down 1", await(service().withHandler()));
    }

    @Test
    void shouldOffloadEachAttemptWithAsynchronous() {
        UniService service = service();
        assertEquals("offloaded", await(service.offloaded()));
        assertEquals(2, service.threads.size());
        service.threads.forEach(thread -> assertNotEquals(Thread.currentThread().getName(), thread));
    }

    @Test
    void shouldStopRetryingWhenTheSubscriptionIsCancelled() throws InterruptedException {
        UniService service = service();
        Cancellable subscription = service.retriesLater().subscribe().with(item -> { }, failure -> { });
        assertEquals(1, service.subscriptions.get());
        subscription.cancel();
        Thread.sleep(50); // nothing may happen; the retry would only come after 60 s anyway
        assertEquals(1, service.subscriptions.get());
    }

    @Test
    void shouldApplyRetryWhenBeforeRetryAndBackoffsToTheUnisItem() {
        UniBeans.RefinedUnis refined = weld.select(UniBeans.RefinedUnis.class).get();
        assertEquals("ready", await(refined.untilReady()));
        assertEquals(3, refined.subscriptions.get(), "a pending item was retried twice");
        assertEquals(java.util.List.of(1, 2), refined.beforeRetries, "the before-retry method ran before each retry");
    }

    @Test
    void shouldApplyAPresetToAUni() {
        UniBeans.RefinedUnis refined = weld.select(UniBeans.RefinedUnis.class).get();
        assertEquals("preset", await(refined.preset()));
        assertEquals(2, refined.subscriptions.get());
    }

    @Test
    void shouldGuardANonBlockingStageOnTheCallersThread() {
        UniService service = service();
        assertEquals("stage", service.nonBlockingStage().toCompletableFuture().join());
        assertEquals(2, service.methodCalls.get(), "the failed stage was retried");
        assertEquals(Thread.currentThread().getName(), service.threads.get(0));
    }
}

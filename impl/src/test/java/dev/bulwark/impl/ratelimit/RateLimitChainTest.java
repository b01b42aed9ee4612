package dev.bulwark.impl.ratelimit;

import static dev.bulwark.api.RateLimitType.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.testing.VirtualTime;
import dev.bulwark.impl.timeout.TimeoutSpec;
import dev.bulwark.impl.timeout.TimeoutWatchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rate limit in the chain, both drivers, on virtual time and a direct executor. */
class RateLimitChainTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final VirtualTime time = new VirtualTime();
    private final List<Boolean> rateLimitEvents = new ArrayList<>();
    /** Notes each ft.ratelimit.calls.total count: true for permitted, false for rejected. */
    private final MetricsRecorder recorder = new MetricsRecorder() {
        @Override
        public Runnable counter(String name, String... tags) {
            if (!name.equals("ft.ratelimit.calls.total")) {
                return NOTHING;
            }
            boolean permitted = tags[1].equals("permitted");
            return () -> rateLimitEvents.add(permitted);
        }
    };
    private final Engine engine = time.engine().executor(Runnable::run)
            .metrics(operation -> recorder).build();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Long> callTimes = new ArrayList<>();

    private static OperationSpec.Builder spec(boolean async) {
        return OperationSpec.builder("op").asynchronous(async);
    }

    private static RateLimitSpec onePerSecond() {
        return RateLimitSpec.of(FIXED, 1, SECOND);
    }

    private Object call(Operation op) throws Exception {
        return op.call(() -> {
            callTimes.add(time.nanoTime());
            return "ok " + calls.incrementAndGet();
        }, null);
    }

    private CompletableFuture<Object> callAsync(Operation op) {
        return op.callAsync(() -> {
            callTimes.add(time.nanoTime());
            return CompletableFuture.completedFuture("ok " + calls.incrementAndGet());
        }, null);
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS)).getCause();
    }

    // ---- rejection and waiting, synchronous

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldRejectWithTheTimeUntilTheNextPermit(RateLimitType type) throws Exception {
        Operation op = engine.operation(spec(false).rateLimit(RateLimitSpec.of(type, 2, SECOND)).build());
        call(op);
        time.advance(200 * MS);
        call(op);
        time.advance(100 * MS);
        RateLimitException refused = assertThrows(RateLimitException.class, () -> call(op));
        // FIXED: next window at 1000 ms; ROLLING: the permit at 0 leaves at 1000 ms; SMOOTH: one per 500 ms,
        // bucket of 2 emptied at 0 and 200 ms, so the next permit is due at 500 ms.
        Duration expected = Duration.ofMillis(type == RateLimitType.SMOOTH ? 200 : 700);
        assertEquals(expected, refused.retryAfter());
        assertTrue(refused.getMessage().startsWith("op rejected by its rate limit of 2 per PT1S (" + type + ")"),
                refused.getMessage());
        time.advance(expected.toNanos() - 1);
        assertThrows(RateLimitException.class, () -> call(op));
        time.advance(1);
        assertEquals("ok 3", call(op));
        assertEquals(List.of(true, true, false, false, true), rateLimitEvents);
    }

    @Test
    void shouldWaitForAPermitOnTheCallersThreadUpToMaxWait() throws Exception {
        Operation op = engine.operation(spec(false).rateLimit(onePerSecond().withMaxWait(SECOND)).build());
        call(op);
        time.advance(300 * MS);
        assertEquals("ok 2", call(op), "waited 700 ms through the engine's sleeper");
        assertEquals(List.of(0L, SECOND), callTimes);
        assertEquals(List.of(true, true), rateLimitEvents);
    }

    @Test
    void shouldRejectAtOnceWhenThePermitIsFurtherAwayThanMaxWait() {
        Operation op = engine.operation(spec(false).rateLimit(onePerSecond().withMaxWait(699 * MS)).build());
        assertThrows(Exception.class, () -> {
            call(op);
            time.advance(300 * MS);
            call(op);
        });
        assertEquals(300 * MS, time.nanoTime(), "did not wait at all");
        assertEquals(1, calls.get());
    }

    @Test
    void shouldStopWaitingAndKeepTheInterruptWhenInterrupted() throws Exception {
        Engine interrupting = Engine.builder().clock(time).scheduler(time).watchdog(TimeoutWatchdog.driven(time))
                .sleeper(nanos -> {
                    throw new InterruptedException("stop");
                }).build();
        Operation op = interrupting.operation(spec(false).rateLimit(onePerSecond().withMaxWait(SECOND)).build());
        call(op);
        RateLimitException refused = assertThrows(RateLimitException.class, () -> call(op));
        assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
        assertInstanceOf(InterruptedException.class, refused.getCause());
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        assertEquals(1, calls.get());
    }

    @Test
    void shouldWaitOutsideTheTimeout() throws Exception {
        Operation op = engine.operation(spec(false).rateLimit(onePerSecond().withMaxWait(SECOND))
                .timeout(new TimeoutSpec(100 * MS)).build());
        call(op);
        assertEquals("ok 2", call(op), "a 1 s wait for the permit does not use up the 100 ms timeout");
    }

    // ---- rejection and waiting, asynchronous

    @Test
    void shouldRejectAnAsyncCallWithoutRunningIt() {
        Operation op = engine.operation(spec(true).rateLimit(onePerSecond()).build());
        assertEquals("ok 1", callAsync(op).join());
        RateLimitException refused = assertInstanceOf(RateLimitException.class, failureOf(callAsync(op)));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        assertEquals(1, calls.get());
        assertEquals(0, time.pendingTasks());
    }

    @Test
    void shouldScheduleAnAsyncCallThatWaitsForAPermit() {
        Operation op = engine.operation(spec(true).rateLimit(onePerSecond().withMaxWait(2 * SECOND)).build());
        callAsync(op).join();
        time.advance(400 * MS);
        CompletableFuture<Object> waiting = callAsync(op);
        assertFalse(waiting.isDone());
        assertEquals(List.of(600 * MS), time.pendingDelays(), "scheduled for when the permit is free; no thread parked");
        time.advance(600 * MS - 1);
        assertFalse(waiting.isDone());
        time.advance(1);
        assertEquals("ok 2", waiting.join());
        assertEquals(List.of(0L, SECOND), callTimes);
        assertEquals(List.of(true, true), rateLimitEvents);
    }

    @Test
    void shouldRefuseAWaitingAsyncCallWhenAnotherCallerTookThePermitAndTheNextIsPastMaxWait() {
        Operation op = engine.operation(spec(true).rateLimit(onePerSecond().withMaxWait(1500 * MS)).build());
        callAsync(op).join();
        time.advance(400 * MS);
        time.schedule(() -> op.rateLimiter().tryAcquire(), 600 * MS); // due with, and before, the waiter's try
        CompletableFuture<Object> waiting = callAsync(op);
        time.advance(600 * MS);
        RateLimitException refused = assertInstanceOf(RateLimitException.class, failureOf(waiting));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter(), "the next permit, at 2 s, is past the deadline of 1.9 s");
        assertEquals(1, calls.get());
        assertEquals(List.of(true, false), rateLimitEvents, "one event per attempt, after the wait");
    }

    @Test
    void shouldKeepWaitingWhenAnotherCallerTookThePermitAndTheNextIsWithinMaxWait() {
        Operation op = engine.operation(spec(true).rateLimit(onePerSecond().withMaxWait(2500 * MS)).build());
        callAsync(op).join();
        time.advance(400 * MS);
        time.schedule(() -> op.rateLimiter().tryAcquire(), 600 * MS);
        CompletableFuture<Object> waiting = callAsync(op);
        time.advance(600 * MS);
        assertEquals(List.of(SECOND), time.pendingDelays(), "rescheduled for the window after");
        time.advance(SECOND);
        assertEquals("ok 2", waiting.join());
        assertEquals(List.of(0L, 2 * SECOND), callTimes);
    }

    @Test
    void shouldStopWaitingForAPermitWhenTheCallIsCancelled() {
        Operation op = engine.operation(spec(true).rateLimit(onePerSecond().withMaxWait(2 * SECOND)).build());
        callAsync(op).join();
        CompletableFuture<Object> waiting = callAsync(op);
        assertEquals(1, time.pendingTasks());
        assertTrue(waiting.cancel(true));
        assertEquals(0, time.pendingTasks(), "the scheduled try was cancelled");
        time.advance(2 * SECOND);
        assertEquals(1, calls.get());
        assertEquals(0, op.rateLimiter().tryAcquire(), "the cancelled call took no permit");
    }

    // ---- the stages outside: circuit breaker, retry, fallback

    private static CircuitBreakerSpec breaker(ExceptionMatcher failOn) {
        return CircuitBreakerSpec.of(2, 0.5, SECOND, 1, failOn);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void shouldNotCountARefusalAsABreakerFailureByDefault(Driver driver) throws Exception {
        Operation op = engine.operation(spec(driver.async).rateLimit(onePerSecond())
                .circuitBreaker(breaker(ExceptionMatcher.all())).build());
        driver.call(this, op);
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(RateLimitException.class, driver.failure(this, op));
        }
        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state());
        assertEquals(0, op.circuitBreaker().failedCalls());
        assertEquals(1, op.circuitBreaker().successfulCalls(), "a refusal is not a success either");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void shouldCountARefusalWhenFailOnNamesRateLimitException(Driver driver) throws Exception {
        ExceptionMatcher failOn = ExceptionMatcher.of(List.of(IllegalStateException.class, RateLimitException.class),
                List.of());
        Operation op = engine.operation(spec(driver.async).rateLimit(onePerSecond()).circuitBreaker(breaker(failOn))
                .build());
        driver.call(this, op);
        assertInstanceOf(RateLimitException.class, driver.failure(this, op));
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state(), "1 success + 1 refusal: ratio 0.5 reached");
        assertInstanceOf(CircuitBreakerOpenException.class, driver.failure(this, op));
    }

    @Test
    void shouldCountARefusalWhenFailOnNamesASubclass() throws Exception {
        class Throttled extends RateLimitException {
            Throttled() {
                super("throttled", Duration.ZERO);
            }
        }
        Operation op = engine.operation(spec(false).rateLimit(onePerSecond())
                .circuitBreaker(breaker(ExceptionMatcher.of(List.of(Throttled.class), List.of()))).build());
        call(op);
        assertThrows(RateLimitException.class, () -> call(op));
        assertEquals(0, op.circuitBreaker().failedCalls(), "our own refusal is not a Throttled");
    }

    @Test
    void shouldCountARateLimitExceptionThrownByTheDownstreamItself() {
        Operation op = engine.operation(spec(false).rateLimit(RateLimitSpec.of(FIXED, 10, SECOND))
                .circuitBreaker(breaker(ExceptionMatcher.all())).build());
        for (int i = 0; i < 2; i++) {
            assertThrows(RateLimitException.class, () -> op.call(() -> {
                throw new RateLimitException("the remote service throttled us", Duration.ZERO);
            }, null));
        }
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state(), "the downstream was called, so it counts");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void shouldHandBackTheHalfOpenTrialSlotWhenTheRateLimitRefuses(Driver driver) throws Exception {
        Operation op = engine.operation(spec(driver.async).rateLimit(onePerSecond())
                .circuitBreaker(breaker(ExceptionMatcher.all())).build());
        for (int i = 0; i < 2; i++) {
            time.advance(SECOND);
            driver.fail(this, op, new IllegalStateException());
        }
        assertEquals(CircuitState.OPEN, op.circuitBreaker().state());
        time.advance(SECOND);
        op.rateLimiter().tryAcquire(); // another caller took this window's permit
        assertInstanceOf(RateLimitException.class, driver.failure(this, op), "admitted as the trial, refused by the limit");
        assertEquals(CircuitState.HALF_OPEN, op.circuitBreaker().state());
        time.advance(SECOND);
        driver.call(this, op);
        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state(), "the only trial slot was handed back");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void shouldRetryARefusalWithItsOwnPermitPerAttempt(Driver driver) throws Exception {
        Operation op = engine.operation(spec(driver.async).rateLimit(onePerSecond())
                .retry(RetrySpec.of(3, 400 * MS, 0, 0, ExceptionMatcher.allExceptions())).build());
        driver.call(this, op);
        Object result = driver.async ? drain(callAsync(op)) : call(op);
        assertEquals("ok 2", result);
        assertEquals(List.of(0L, 1200 * MS), callTimes, "attempts at 0, 400 and 800 ms refused; the one at 1200 ms ran");
        assertEquals(List.of(true, false, false, false, true), rateLimitEvents);
    }

    private Object drain(CompletableFuture<Object> f) {
        while (!f.isDone()) {
            time.advance(time.pendingDelays().get(0));
        }
        return f.join();
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void shouldFallBackOnARefusal(Driver driver) throws Exception {
        Operation op = engine.operation(spec(driver.async).rateLimit(onePerSecond())
                .fallback(new FallbackSpec((ctx, failure) -> "fallback after " + failure.getClass().getSimpleName(),
                        ExceptionMatcher.all()))
                .build());
        driver.call(this, op);
        Object result = driver.async ? callAsync(op).join() : call(op);
        assertEquals("fallback after RateLimitException", result);
    }

    /** Runs the same scenario through either driver. */
    enum Driver {
        SYNC(false), ASYNC(true);

        final boolean async;

        Driver(boolean async) {
            this.async = async;
        }

        Object call(RateLimitChainTest t, Operation op) throws Exception {
            return async ? t.callAsync(op).join() : t.call(op);
        }

        Throwable failure(RateLimitChainTest t, Operation op) {
            if (async) {
                return failureOf(t.callAsync(op));
            }
            return assertThrows(Exception.class, () -> t.call(op));
        }

        void fail(RateLimitChainTest t, Operation op, RuntimeException failure) {
            Throwable thrown = async
                    ? failureOf(op.callAsync(() -> CompletableFuture.failedFuture(failure), null))
                    : assertThrows(Exception.class, () -> op.call(() -> {
                        throw failure;
                    }, null));
            assertEquals(failure, thrown);
        }
    }

    @Test
    void shouldNotLetARejectedCallConsumeAPermit() throws Exception {
        Operation op = engine.operation(spec(false).rateLimit(RateLimitSpec.of(RateLimitType.ROLLING, 2, SECOND))
                .build());
        call(op);
        call(op);
        for (int i = 0; i < 100; i++) {
            assertThrows(RateLimitException.class, () -> call(op));
            time.advance(9 * MS);
        }
        time.advance(100 * MS);
        call(op);
        call(op);
        assertEquals(4, calls.get());
    }
}

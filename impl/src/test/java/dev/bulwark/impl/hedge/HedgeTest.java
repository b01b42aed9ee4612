package dev.bulwark.impl.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.InvalidSettingsException;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.retry.TokenRetryBudget;
import dev.bulwark.impl.timeout.TimeoutSpec;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** Hedged calls on the asynchronous driver, in virtual time: who wins, what is cancelled, what is counted. */
class HedgeTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final VirtualTime time = new VirtualTime();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final MetricsRecorder recorder = new MetricsRecorder() {
        @Override
        public Runnable counter(String name, String... tags) {
            AtomicInteger n = counters.computeIfAbsent(name, k -> new AtomicInteger());
            return n::incrementAndGet;
        }
    };
    private final Engine engine = time.engine().executor(Runnable::run).metrics(operation -> recorder).build();
    /** When each attempt started, and the future it returned. */
    private final List<Long> starts = new ArrayList<>();
    private final List<CompletableFuture<Object>> returned = new ArrayList<>();

    private static OperationSpec.Builder hedged(long delay, int maxAttempts) {
        return OperationSpec.builder("op").asynchronous(true).offload(false)
                .stage(new HedgeSpec(delay, maxAttempts, 0));
    }

    /** Attempt n (from 1) answers as {@code plan} says: a value after some time, or a failure. */
    private CompletableFuture<Object> call(Operation op, IntFunction<Outcome> plan) {
        return op.callAsync(() -> {
            starts.add(time.nanoTime());
            int n = starts.size();
            Outcome outcome = plan.apply(n);
            CompletableFuture<Object> f = new CompletableFuture<>();
            returned.add(f);
            time.schedule(() -> {
                if (outcome.failure != null) {
                    f.completeExceptionally(outcome.failure);
                } else {
                    f.complete(outcome.value);
                }
            }, outcome.afterNanos);
            return f;
        }, null);
    }

    private record Outcome(long afterNanos, Object value, Throwable failure) {
        static Outcome returns(long afterNanos, Object value) {
            return new Outcome(afterNanos, value, null);
        }

        static Outcome fails(long afterNanos, Throwable failure) {
            return new Outcome(afterNanos, null, failure);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS)).getCause();
    }

    private int counter(String name) {
        AtomicInteger n = counters.get(name);
        return n == null ? 0 : n.get();
    }

    @Test
    void shouldTakeTheHedgeThatAnswersFirstAndCancelTheSlowAttempt() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2).build());
        CompletableFuture<Object> result = call(op, n -> n == 1 ? Outcome.returns(1000 * MS, "slow")
                : Outcome.returns(10 * MS, "hedge"));

        time.advance(59 * MS);
        assertFalse(result.isDone());
        assertEquals(List.of(0L, 50 * MS), starts);
        time.advance(1 * MS);

        assertEquals("hedge", result.get(0, TimeUnit.SECONDS));
        assertTrue(returned.get(0).isCancelled(), "the slow attempt is cancelled");
        assertEquals(2, counter("ft.hedge.attempts.total"));
        assertEquals(1, counter("ft.hedge.won.total"));
    }

    @Test
    void shouldStartNoHedgeWhenTheFirstAttemptAnswersInTime() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(10 * MS, "fast"));

        time.advance(200 * MS);

        assertEquals("fast", result.get(0, TimeUnit.SECONDS));
        assertEquals(1, starts.size());
        assertEquals(0, time.pendingTasks(), "the hedge timer is cancelled");
        assertEquals(1, counter("ft.hedge.attempts.total"));
        assertEquals(0, counter("ft.hedge.won.total"));
    }

    @Test
    void shouldStartTheNextAttemptAtOnceWhenOneFails() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2).build());
        CompletableFuture<Object> result = call(op, n -> n == 1
                ? Outcome.fails(5 * MS, new IllegalStateException("down"))
                : Outcome.returns(10 * MS, "second"));

        time.advance(15 * MS);

        assertEquals(List.of(0L, 5 * MS), starts);
        assertEquals("second", result.get(0, TimeUnit.SECONDS));
    }

    @Test
    void shouldFailWithTheLastFailureWhenEveryAttemptFails() {
        Operation op = engine.operation(hedged(50 * MS, 3).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.fails(5 * MS, new IllegalStateException("#" + n)));

        time.advance(1000 * MS);

        assertEquals(3, starts.size(), "never more than maxAttempts");
        assertEquals("#3", failureOf(result).getMessage());
    }

    @Test
    void shouldWaitForTheAttemptsStillRunningWhenOneFailsAndNoneMayStart() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2).build());
        CompletableFuture<Object> result = call(op, n -> n == 1 ? Outcome.returns(100 * MS, "first")
                : Outcome.fails(5 * MS, new IllegalStateException("hedge failed")));

        time.advance(60 * MS);
        assertFalse(result.isDone(), "the first attempt still runs");
        time.advance(40 * MS);

        assertEquals("first", result.get(0, TimeUnit.SECONDS));
    }

    @Test
    void shouldStartNoMoreThanMaxAttemptsWhenEveryAttemptIsSlow() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 3).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(1000 * MS, "#" + n));

        time.advance(2000 * MS);

        assertEquals(List.of(0L, 50 * MS, 100 * MS), starts);
        assertEquals("#1", result.get(0, TimeUnit.SECONDS));
        assertTrue(returned.get(1).isCancelled() && returned.get(2).isCancelled());
    }

    @Test
    void shouldNotCountACancelledLoserAsAFailureOfTheBreaker() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2)
                .circuitBreaker(CircuitBreakerSpec.of(4, 0.5, 1000 * MS, 1, ExceptionMatcher.allExceptions()))
                .build());

        for (int i = 0; i < 10; i++) {
            int call = i;
            starts.clear();
            CompletableFuture<Object> result = call(op, n -> n == 1 ? Outcome.returns(1000 * MS, "slow")
                    : Outcome.returns(10 * MS, "hedge " + call));
            time.advance(60 * MS);
            assertEquals("hedge " + call, result.get(0, TimeUnit.SECONDS));
        }

        assertEquals(CircuitState.CLOSED, op.circuitBreaker().state());
    }

    @Test
    void shouldGiveEachAttemptItsOwnTimeout() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2).timeout(new TimeoutSpec(80 * MS)).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(n == 1 ? 1000 * MS : 60 * MS, "#" + n));

        time.advance(80 * MS);
        assertFalse(result.isDone(), "the first attempt timed out; the hedge, started at 50 ms, still runs");
        time.advance(30 * MS);

        assertEquals("#2", result.get(0, TimeUnit.SECONDS));
    }

    @Test
    void shouldFailWithTheTimeoutWhenEveryAttemptTimesOut() {
        Operation op = engine.operation(hedged(50 * MS, 2).timeout(new TimeoutSpec(80 * MS)).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(1000 * MS, "late"));

        time.advance(200 * MS);

        assertInstanceOf(TimeoutException.class, failureOf(result));
        assertEquals(2, starts.size());
    }

    @Test
    void shouldWithdrawEachHedgeFromTheRetryBudgetAndStartNoneWhenItIsEmpty() throws Exception {
        // A budget with no reserve and a ratio that a single call cannot fill: empty from the start.
        TokenRetryBudget budget = new TokenRetryBudget(0.1, 0, 10_000 * MS, time);
        RetrySpec retry = RetrySpec.of(0, 0, 0, 0, ExceptionMatcher.allExceptions()).withBudget(budget);
        Operation op = engine.operation(hedged(50 * MS, 2).retry(retry).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(1000 * MS, "#" + n));

        time.advance(1000 * MS);

        assertEquals("#1", result.get(0, TimeUnit.SECONDS));
        assertEquals(1, starts.size(), "no hedge: the budget is empty");
    }

    @Test
    void shouldRaceAgainOnEachRetry() throws Exception {
        RetrySpec retry = RetrySpec.of(1, 0, 0, 0, ExceptionMatcher.allExceptions());
        Operation op = engine.operation(hedged(50 * MS, 2).retry(retry).build());
        CompletableFuture<Object> result = call(op, n -> n <= 2 ? Outcome.fails(5 * MS, new IllegalStateException())
                : Outcome.returns(10 * MS, "retried"));

        time.advance(100 * MS);

        assertEquals("retried", result.get(0, TimeUnit.SECONDS));
        assertEquals(3, starts.size(), "two attempts in the first race, the retry's first one wins");
    }

    @Test
    void shouldCancelEveryAttemptWhenTheCallerCancels() {
        Operation op = engine.operation(hedged(50 * MS, 3).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(1000 * MS, "late"));
        time.advance(60 * MS);

        result.cancel(true);
        time.advance(1000 * MS);

        assertEquals(2, starts.size(), "no attempt starts after the cancel");
        assertTrue(returned.stream().allMatch(CompletableFuture::isCancelled));
    }

    @Test
    void shouldFollowTheChosenPercentileOfObservedLatencyOnceItHasEnoughSamples() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true).offload(false)
                .stage(new HedgeSpec(50 * MS, 2, 50)).build());
        for (int i = 0; i < LatencyWindow.MIN_SAMPLES; i++) {
            CompletableFuture<Object> result = call(op, n -> Outcome.returns(20 * MS, "ok"));
            time.advance(20 * MS);
            result.get(0, TimeUnit.SECONDS);
        }
        starts.clear();

        long start = time.nanoTime();
        CompletableFuture<Object> slow = call(op, n -> Outcome.returns(n == 1 ? 1000 * MS : 5 * MS, "#" + n));
        time.advance(30 * MS);

        assertEquals(List.of(start, start + 20 * MS), starts, "hedged at the median, 20 ms, not at 50 ms");
        assertEquals("#2", slow.get(0, TimeUnit.SECONDS));
    }

    @Test
    void shouldRefuseASynchronousOperation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.operation(
                OperationSpec.builder("sync").stage(new HedgeSpec(50 * MS, 2, 0)).build()));
        assertTrue(e.getMessage().contains("asynchronous"), e.getMessage());
    }

    @Test
    void shouldReportEveryBrokenRuleOfTheSettings() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> new HedgeSpec(-1, 1, 100));
        assertEquals(List.of("delay", "maxAttempts", "delayPercentile"),
                e.violations().stream().map(InvalidSettingsException.Violation::setting).toList());
    }

    @Test
    void shouldWithdrawAHedgeStillWaitingForABulkheadPlaceWhenTheFirstAttemptAnswers() throws Exception {
        Operation op = engine.operation(hedged(50 * MS, 2).bulkhead(new BulkheadSpec(1, 1)).build());
        CompletableFuture<Object> result = call(op, n -> Outcome.returns(100 * MS, "#" + n));

        time.advance(200 * MS);

        assertEquals("#1", result.get(0, TimeUnit.SECONDS));
        assertEquals(1, starts.size(), "the hedge waited in the bulkhead's queue and was withdrawn, never ran");
        assertEquals(2, counter("ft.hedge.attempts.total"));
        assertEquals(0, op.queueingBulkhead().running() + op.queueingBulkhead().waiting(), "every place is back");
    }
}

package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.BeforeRetryHandler;
import dev.bulwark.api.CustomBackoff;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.FibonacciBackoff;
import dev.bulwark.api.ResultRejectedException;
import dev.bulwark.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refinements of {@code @Retry} on Weld, in real time with small delays: each delay is checked as a lower bound
 * (a loaded machine makes delays longer, never shorter), and a cap by staying far below what no cap would give.
 */
class RetryRefinementsTest {

    static final List<Long> ATTEMPTS = Collections.synchronizedList(new ArrayList<>());
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    private static void attempt() {
        ATTEMPTS.add(System.nanoTime());
    }

    private static String fail() {
        attempt();
        throw new IllegalStateException("down");
    }

    @BeforeEach
    void clear() {
        ATTEMPTS.clear();
        EVENTS.clear();
        Strategy.initialDelay = -1;
    }

    /** The gaps between consecutive attempts, in milliseconds. */
    private static List<Long> gaps() {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < ATTEMPTS.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(ATTEMPTS.get(i) - ATTEMPTS.get(i - 1)));
        }
        return gaps;
    }

    private static void assertGapsAtLeast(long... minimums) {
        List<Long> gaps = gaps();
        assertEquals(minimums.length, gaps.size(), "retries made: " + gaps);
        for (int i = 0; i < minimums.length; i++) {
            assertTrue(gaps.get(i) >= minimums[i], "delay " + (i + 1) + " should be >= " + minimums[i] + " ms: " + gaps);
        }
    }

    private static long totalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(ATTEMPTS.get(ATTEMPTS.size() - 1) - ATTEMPTS.get(0));
    }

    @ApplicationScoped
    public static class Backoffs {
        @Retry(maxRetries = 3, delay = 20, jitter = 0)
        @ExponentialBackoff
        public String exponential() {
            return fail();
        }

        @Retry(maxRetries = 3, delay = 10, jitter = 0)
        @ExponentialBackoff(factor = 10, maxDelay = 30)
        public String exponentialCapped() {
            return fail();
        }

        @Retry(maxRetries = 3, delay = 10, jitter = 0)
        @ExponentialBackoff(factor = 3, maxDelay = 0)
        public String exponentialUncapped() {
            return fail();
        }

        @Retry(maxRetries = 4, delay = 10, jitter = 0)
        @FibonacciBackoff
        public String fibonacci() {
            return fail();
        }

        @Retry(maxRetries = 3, delay = 10, jitter = 0)
        @FibonacciBackoff(maxDelay = 25)
        public String fibonacciCapped() {
            return fail();
        }

        @Retry(maxRetries = 2, delay = 7, jitter = 0)
        @CustomBackoff(Strategy.class)
        public String custom() {
            return fail();
        }

        @Asynchronous
        @Retry(maxRetries = 3, delay = 20, jitter = 0)
        @ExponentialBackoff
        public CompletionStage<String> asyncExponential() {
            attempt();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 2, delay = 15, jitter = 0)
    @ExponentialBackoff(factor = 3)
    public static class ClassLevelBackoff {
        public String call() {
            return fail();
        }
    }

    /** Waits 25 ms times the retry's number, and records what it is told. */
    public static class Strategy implements CustomBackoffStrategy {
        static volatile long initialDelay = -1;
        private int retries;

        @Override
        public void init(long initialDelayInMillis) {
            initialDelay = initialDelayInMillis;
        }

        @Override
        public synchronized long nextDelayInMillis(Throwable exception) {
            EVENTS.add("delay after " + exception.getMessage());
            return 25L * ++retries;
        }
    }

    @Test
    void shouldDoubleTheDelayWithExponentialBackoff() {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::exponential);
            assertGapsAtLeast(20, 40, 80);
        }
    }

    @Test
    void shouldCapExponentialDelaysAtMaxDelay() {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::exponentialCapped);
            assertGapsAtLeast(10, 30, 30);
            assertTrue(totalMillis() < 1_000, "uncapped it would be 10 + 100 + 1000 ms: " + gaps());
        }
    }

    @Test
    void shouldNotCapExponentialDelaysWhenMaxDelayIsZero() {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::exponentialUncapped);
            assertGapsAtLeast(10, 30, 90);
        }
    }

    @Test
    void shouldGrowDelaysAlongFibonacci() {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::fibonacci);
            assertGapsAtLeast(10, 20, 30, 50);
        }
    }

    @Test
    void shouldCapFibonacciDelaysAtMaxDelay() {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::fibonacciCapped);
            assertGapsAtLeast(10, 20, 25);
        }
    }

    @Test
    void shouldAskTheCustomStrategyForEachDelayWithTheFailure() {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::custom);
            assertGapsAtLeast(25, 50);
            assertEquals(List.of("delay after down", "delay after down"), EVENTS);
            assertEquals(7, Strategy.initialDelay, "init is told @Retry.delay in milliseconds");
        }
    }

    @Test
    void shouldApplyTheBackoffToAsynchronousRetries() throws Exception {
        try (Deployment d = Deployment.of(Backoffs.class)) {
            CompletableFuture<String> result = d.bean(Backoffs.class).asyncExponential().toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
            assertEquals("down", e.getCause().getMessage());
            assertGapsAtLeast(20, 40, 80);
        }
    }

    @Test
    void shouldApplyAClassLevelBackoffToEveryMethod() {
        try (Deployment d = Deployment.of(ClassLevelBackoff.class)) {
            assertThrows(IllegalStateException.class, d.bean(ClassLevelBackoff.class)::call);
            assertGapsAtLeast(15, 45);
        }
    }

    @Test
    void shouldOverrideTheFactorWithConfig() {
        String key = Backoffs.class.getName() + "/exponential/ExponentialBackoff/factor";
        try (Deployment d = Deployment.of(Map.of(key, "3"), Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::exponential);
            assertGapsAtLeast(20, 60, 180);
        }
    }

    @Test
    void shouldOverrideMaxDelayAndItsUnitWithConfig() {
        Map<String, String> config = Map.of(
                "ExponentialBackoff/maxDelay", "1",
                "ExponentialBackoff/maxDelayUnit", "SECONDS");
        try (Deployment d = Deployment.of(config, Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::exponentialCapped);
            assertGapsAtLeast(10, 100, 1000);
        }
    }

    @Test
    void shouldOverrideFibonacciMaxDelayWithTheClassKeyOfAClassLevelAnnotationOnly() {
        String key = Backoffs.class.getName() + "/fibonacciCapped/FibonacciBackoff/maxDelay";
        try (Deployment d = Deployment.of(Map.of(key, "1000"), Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::fibonacciCapped);
            assertGapsAtLeast(10, 20, 30);
        }
    }

    @Test
    void shouldOverrideTheStrategyClassWithConfig() {
        String onCustom = Backoffs.class.getName() + "/custom/CustomBackoff/value";
        try (Deployment d = Deployment.of(Map.of(onCustom, QuickStrategy.class.getName()), Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::custom);
            assertEquals(List.of("quick", "quick"), EVENTS);
        }
    }

    public static class QuickStrategy implements CustomBackoffStrategy {
        @Override
        public long nextDelayInMillis(Throwable exception) {
            EVENTS.add("quick");
            return 0;
        }
    }

    @Test
    void shouldFallBackToConstantDelaysWhenTheBackoffIsDisabled() {
        String key = Backoffs.class.getName() + "/exponentialCapped/ExponentialBackoff/enabled";
        try (Deployment d = Deployment.of(Map.of(key, "false"), Backoffs.class)) {
            assertThrows(IllegalStateException.class, d.bean(Backoffs.class)::exponentialCapped);
            assertGapsAtLeast(10, 10, 10);
            assertTrue(totalMillis() < 100 + 1_000, "constant 10 ms delays: " + gaps());
        }
    }

    // --- @RetryWhen --------------------------------------------------------------------------------------------

    public static class IsNull implements Predicate<Object> {
        @Override
        public boolean test(Object o) {
            return o == null;
        }
    }

    public static class IsEmpty implements Predicate<Object> {
        @Override
        public boolean test(Object o) {
            return "".equals(o);
        }
    }

    public static class IsIllegalState implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            return t instanceof IllegalStateException;
        }
    }

    @ApplicationScoped
    public static class Predicates {
        @Retry(maxRetries = 3, jitter = 0)
        @RetryWhen(result = IsNull.class)
        public String nullTwice() {
            attempt();
            return ATTEMPTS.size() < 3 ? null : "third";
        }

        @Retry(maxRetries = 2, jitter = 0)
        @RetryWhen(result = IsNull.class)
        public String alwaysNull() {
            attempt();
            return null;
        }

        @Retry(maxRetries = 2, jitter = 0)
        @RetryWhen(result = IsNull.class)
        @Fallback(fallbackMethod = "stale")
        public String alwaysNullWithFallback() {
            attempt();
            return null;
        }

        public String stale() {
            return "stale";
        }

        @Retry(maxRetries = 3, jitter = 0)
        @RetryWhen(exception = IsIllegalState.class)
        public String throwing(RuntimeException e) {
            attempt();
            throw e;
        }

        @Asynchronous
        @Retry(maxRetries = 3, jitter = 0)
        @RetryWhen(result = IsNull.class)
        public CompletionStage<String> asyncNullTwice() {
            attempt();
            return CompletableFuture.completedFuture(ATTEMPTS.size() < 3 ? null : "third");
        }
    }

    @Test
    void shouldRetryAResultThePredicateAccepts() {
        try (Deployment d = Deployment.of(Predicates.class)) {
            assertEquals("third", d.bean(Predicates.class).nullTwice());
            assertEquals(3, ATTEMPTS.size());
        }
    }

    @Test
    void shouldFailWithTheLastResultWhenEveryResultIsRejected() {
        try (Deployment d = Deployment.of(Predicates.class)) {
            ResultRejectedException e = assertThrows(ResultRejectedException.class,
                    d.bean(Predicates.class)::alwaysNull);
            assertNull(e.result());
            assertTrue(e instanceof FaultToleranceException, "as SmallRye: a FaultToleranceException");
            assertEquals(3, ATTEMPTS.size());
        }
    }

    @Test
    void shouldFallBackWhenEveryResultIsRejected() {
        try (Deployment d = Deployment.of(Predicates.class)) {
            assertEquals("stale", d.bean(Predicates.class).alwaysNullWithFallback());
            assertEquals(3, ATTEMPTS.size());
        }
    }

    @Test
    void shouldRetryOnlyExceptionsThePredicateAccepts() {
        try (Deployment d = Deployment.of(Predicates.class)) {
            Predicates bean = d.bean(Predicates.class);
            assertThrows(IllegalStateException.class, () -> bean.throwing(new IllegalStateException()));
            assertEquals(4, ATTEMPTS.size());
            ATTEMPTS.clear();
            assertThrows(IllegalArgumentException.class, () -> bean.throwing(new IllegalArgumentException()));
            assertEquals(1, ATTEMPTS.size(), "the predicate replaces retryOn: no retry");
        }
    }

    @Test
    void shouldRetryARejectedResultOfAnAsynchronousMethod() throws Exception {
        try (Deployment d = Deployment.of(Predicates.class)) {
            assertEquals("third", d.bean(Predicates.class).asyncNullTwice().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
            assertEquals(3, ATTEMPTS.size());
        }
    }

    @Test
    void shouldOverrideTheResultPredicateWithConfig() {
        String key = Predicates.class.getName() + "/nullTwice/RetryWhen/result";
        try (Deployment d = Deployment.of(Map.of(key, IsEmpty.class.getName()), Predicates.class)) {
            assertNull(d.bean(Predicates.class).nullTwice(), "null is no longer retried");
            assertEquals(1, ATTEMPTS.size());
        }
    }

    @Test
    void shouldOverrideTheExceptionPredicateWithConfig() {
        String key = Predicates.class.getName() + "/throwing/RetryWhen/exception";
        try (Deployment d = Deployment.of(Map.of(key, IsArgument.class.getName()), Predicates.class)) {
            assertThrows(IllegalArgumentException.class,
                    () -> d.bean(Predicates.class).throwing(new IllegalArgumentException()));
            assertEquals(4, ATTEMPTS.size());
        }
    }

    public static class IsArgument implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            return t instanceof IllegalArgumentException;
        }
    }

    // --- @BeforeRetry ------------------------------------------------------------------------------------------

    /** A CDI bean: the instance the container manages is the one used. */
    @ApplicationScoped
    public static class RecordingHandler implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {
            EVENTS.add(context.getMethod().getName() + " " + List.of(context.getParameters()) + " after "
                    + context.getFailure().getMessage());
        }
    }

    /** Not a bean: one instance for the method, made with its constructor. */
    public static class PlainHandler implements BeforeRetryHandler {
        static final List<PlainHandler> MADE = Collections.synchronizedList(new ArrayList<>());

        public PlainHandler() {
            MADE.add(this);
        }

        @Override
        public void handle(ExecutionContext context) {
            EVENTS.add("plain " + System.identityHashCode(this));
        }
    }

    @ApplicationScoped
    public static class BeforeRetries {
        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(RecordingHandler.class)
        public String withHandler(String argument) {
            return fail();
        }

        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(PlainHandler.class)
        public String withPlainHandler() {
            return fail();
        }

        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(methodName = "prepare")
        public String withMethod() {
            return fail();
        }

        void prepare() {
            EVENTS.add("prepare after " + ATTEMPTS.size());
        }

        void other() {
            EVENTS.add("other");
        }

        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(methodName = "prepare")
        public String succeeds() {
            attempt();
            return "ok";
        }
    }

    @Test
    void shouldCallTheHandlerBeforeEachRetryWithTheCallsContext() {
        try (Deployment d = Deployment.of(Map.of(), BeforeRetries.class, RecordingHandler.class)) {
            assertThrows(IllegalStateException.class, () -> d.bean(BeforeRetries.class).withHandler("x"));
            assertEquals(List.of("withHandler [x] after down", "withHandler [x] after down"), EVENTS);
            assertEquals(3, ATTEMPTS.size());
        }
    }

    @Test
    void shouldMakeOneInstanceOfAHandlerThatIsNotABean() {
        PlainHandler.MADE.clear();
        try (Deployment d = Deployment.of(BeforeRetries.class)) {
            assertThrows(IllegalStateException.class, d.bean(BeforeRetries.class)::withPlainHandler);
            assertThrows(IllegalStateException.class, d.bean(BeforeRetries.class)::withPlainHandler);
            assertEquals(1, PlainHandler.MADE.size());
            assertEquals(4, EVENTS.size());
            assertEquals(1, EVENTS.stream().distinct().count(), "one instance served every retry: " + EVENTS);
        }
    }

    @Test
    void shouldCallTheNamedMethodBeforeEachRetryButNotBeforeTheFirstAttempt() {
        try (Deployment d = Deployment.of(BeforeRetries.class)) {
            assertThrows(IllegalStateException.class, d.bean(BeforeRetries.class)::withMethod);
            assertEquals(List.of("prepare after 1", "prepare after 2"), EVENTS);
            EVENTS.clear();
            assertEquals("ok", d.bean(BeforeRetries.class).succeeds());
            assertEquals(List.of(), EVENTS, "no retry, no action");
        }
    }

    @Test
    void shouldOverrideTheMethodNameWithConfig() {
        String key = BeforeRetries.class.getName() + "/withMethod/BeforeRetry/methodName";
        try (Deployment d = Deployment.of(Map.of(key, "other"), BeforeRetries.class)) {
            assertThrows(IllegalStateException.class, d.bean(BeforeRetries.class)::withMethod);
            assertEquals(List.of("other", "other"), EVENTS);
        }
    }

    @Test
    void shouldSkipTheActionWhenBeforeRetryIsDisabled() {
        try (Deployment d = Deployment.of(Map.of("BeforeRetry/enabled", "false"), BeforeRetries.class)) {
            assertThrows(IllegalStateException.class, d.bean(BeforeRetries.class)::withMethod);
            assertEquals(List.of(), EVENTS);
            assertEquals(3, ATTEMPTS.size(), "the retry itself is still in force");
        }
    }
}

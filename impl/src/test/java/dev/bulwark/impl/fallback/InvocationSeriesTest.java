package dev.bulwark.impl.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.testing.VirtualTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How each call ended, as an operator reads it in {@code ft.invocations.total}: the {@code result} and
 * {@code fallback} tags the fallback stage declares and counts, for every way a call can end, synchronous and
 * asynchronous. Each test checks every series of the method, so a count in the wrong one shows.
 */
class InvocationSeriesTest {

    /** Counts ft.invocations.total by "result/fallback", every declared series present from the start at 0. */
    private final Map<String, AtomicInteger> counts = new TreeMap<>();
    private final MetricsRecorder recorder = new MetricsRecorder() {
        @Override
        public Runnable counter(String name, String... tags) {
            if (!name.equals("ft.invocations.total")) {
                return NOTHING;
            }
            AtomicInteger count = counts.computeIfAbsent(tags[1] + "/" + tags[3], k -> new AtomicInteger());
            return count::incrementAndGet;
        }
    };
    private final Engine engine = new VirtualTime().engine().executor(Runnable::run)
            .metrics(operation -> recorder).build();

    private static final FallbackSpec ON_ILLEGAL_STATE = new FallbackSpec((ctx, failure) -> "fallback",
            ExceptionMatcher.of(List.of(IllegalStateException.class), List.of()));

    private Operation op(FallbackSpec fallback, boolean async) {
        OperationSpec.Builder spec = OperationSpec.builder("op").asynchronous(async);
        return engine.operation((fallback == null ? spec : spec.fallback(fallback)).build());
    }

    private Map<String, Integer> seen() {
        Map<String, Integer> seen = new TreeMap<>();
        counts.forEach((series, n) -> seen.put(series, n.get()));
        return seen;
    }

    @Test
    void withoutAFallbackEveryCallIsNotDefined() throws Exception {
        Operation op = op(null, false);
        assertEquals("ok", op.call(() -> "ok", null));
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalStateException("down");
        }, null));
        assertEquals(Map.of("valueReturned/notDefined", 1, "exceptionThrown/notDefined", 1), seen(),
                "only the notDefined series exist for a method without a fallback");
    }

    @Test
    void aFallbackThatAppliesCountsAsAppliedAndOneThatDoesNotAsNotApplied() throws Exception {
        Operation op = op(ON_ILLEGAL_STATE, false);
        assertEquals("ok", op.call(() -> "ok", null));
        assertEquals("fallback", op.call(() -> {
            throw new IllegalStateException("down");
        }, null));
        assertThrows(IllegalArgumentException.class, () -> op.call(() -> {
            throw new IllegalArgumentException("not the fallback's");
        }, null));
        assertEquals(Map.of("valueReturned/notApplied", 1, "exceptionThrown/notApplied", 1,
                "valueReturned/applied", 1, "exceptionThrown/applied", 0), seen());
    }

    @Test
    void aFallbackThatThrowsCountsAsAppliedWithTheExceptionThrown() {
        Operation op = op(new FallbackSpec((ctx, failure) -> {
            throw new IllegalStateException("the fallback failed too");
        }, ExceptionMatcher.all()), false);
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalArgumentException("down");
        }, null));
        assertEquals(Map.of("valueReturned/notApplied", 0, "exceptionThrown/notApplied", 0,
                "valueReturned/applied", 0, "exceptionThrown/applied", 1), seen());
    }

    @Test
    void anAsynchronousFallbacksStageDecidesHowTheCallEnded() {
        Operation answers = op(new FallbackSpec((ctx, failure) -> CompletableFuture.completedFuture("fallback"),
                ExceptionMatcher.all()), true);
        assertEquals("fallback", answers.callAsync(() -> CompletableFuture.failedFuture(
                new IllegalStateException("down")), null).join());
        assertEquals(1, counts.get("valueReturned/applied").get());

        Operation failsToo = op(new FallbackSpec((ctx, failure) -> CompletableFuture.failedFuture(
                new IllegalStateException("the fallback's stage failed")), ExceptionMatcher.all()), true);
        CompletableFuture<Object> call = failsToo.callAsync(() -> CompletableFuture.failedFuture(
                new IllegalStateException("down")), null);
        assertThrows(CompletionException.class, call::join);
        assertEquals(Map.of("valueReturned/notApplied", 0, "exceptionThrown/notApplied", 0,
                "valueReturned/applied", 1, "exceptionThrown/applied", 1), seen(),
                "the second method's series are the same names: both counted in one map");
    }
}

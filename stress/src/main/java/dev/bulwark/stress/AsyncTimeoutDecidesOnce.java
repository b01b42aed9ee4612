package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.timeout.TimeoutSpec;
import dev.bulwark.impl.timeout.TimeoutWatchdog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A non-blocking call with a timeout and a bulkhead inside it, whose stage is still running with its timer armed: the
 * stage completes while the timer fires. Exactly one of them decides the call (its value, or a
 * {@code TimeoutException}), it is counted once in {@code ft.timeout.calls.total}, and the bulkhead place goes back
 * once.
 *
 * <p>r1: 1 the value, 2 a timeout; r2: timeout series counted (must be 1); r3: bulkhead places held or waited for at
 * the end (must be 0).
 */
@JCStressTest
@Outcome(id = {"1, 1, 0", "2, 1, 0"}, expect = ACCEPTABLE, desc = "the value or the timeout, counted once")
@Outcome(expect = FORBIDDEN, desc = "both or neither decided, counted twice or not at all, or a place kept")
@State
public class AsyncTimeoutDecidesOnce {

    private final AtomicInteger counted = new AtomicInteger();
    private volatile FutureTask<?> timer;
    private final CompletableFuture<Object> stage = new CompletableFuture<>();
    private final Operation op;
    private final CompletableFuture<Object> result;

    public AsyncTimeoutDecidesOnce() {
        MetricsRecorder recorder = new MetricsRecorder() {
            @Override
            public Runnable counter(String name, String... tags) {
                return name.equals("ft.timeout.calls.total") ? counted::incrementAndGet : NOTHING;
            }
        };
        // Every part given, so the engine starts no thread; the timer is the one task this call schedules.
        Engine engine = Engine.builder().clock(() -> 0L).watchdog(TimeoutWatchdog.driven(() -> 0L))
                .executor(Runnable::run).scheduler((task, delayNanos) -> {
                    FutureTask<?> armed = new FutureTask<>(task, null);
                    timer = armed;
                    return armed;
                }).metrics(operation -> recorder).build();
        op = engine.operation(OperationSpec.builder("op").asynchronous(true).offload(false)
                .timeout(new TimeoutSpec(TimeUnit.HOURS.toNanos(1))).bulkhead(new BulkheadSpec(1, 1)).build());
        result = op.callAsync(() -> stage, null);
    }

    @Actor
    public void stageCompletes() {
        stage.complete("ok");
    }

    @Actor
    public void timerFires() {
        timer.run();
    }

    @Arbiter
    public void check(III_Result r) {
        Object value = result.handle((v, t) -> t == null ? v : t).join();
        Throwable failure = value instanceof CompletionException wrapped ? wrapped.getCause() : null;
        r.r1 = "ok".equals(value) ? 1 : value instanceof TimeoutException || failure instanceof TimeoutException ? 2 : 0;
        r.r2 = counted.get();
        r.r3 = op.queueingBulkhead().running() + op.queueingBulkhead().waiting();
    }
}

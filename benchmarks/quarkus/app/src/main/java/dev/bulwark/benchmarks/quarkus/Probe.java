package dev.bulwark.benchmarks.quarkus;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A target's misbehaviours for the self-checks (see {@link Checks}); never reached while measuring. */
public final class Probe {

    public static final String OK = "ok";
    /** Throws while {@link #failuresLeft} is positive, then answers {@link #OK}. */
    public static final String FAIL = new String("fail");
    /** Waits on {@link #gate} (at most 5 s), counting the callers inside in {@link #blocked}. */
    public static final String BLOCK = new String("block");
    /** The first call sleeps 11 s, noting whether it was interrupted; the mode is reset to OK at once. */
    public static final String SLEEP_ONCE = new String("sleep-once");
    /** Records the class names on the calling thread's stack in {@link #frames}. */
    public static final String STACK = new String("stack");

    public final AtomicInteger invocations = new AtomicInteger();
    public final AtomicInteger failuresLeft = new AtomicInteger();
    public final AtomicInteger blocked = new AtomicInteger();
    public volatile CountDownLatch gate = new CountDownLatch(0);
    public volatile boolean interrupted;
    public volatile List<String> frames = List.of();

    String act(Target target, String mode) {
        invocations.incrementAndGet();
        if (mode == FAIL) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("probe failure");
            }
            return OK;
        }
        if (mode == BLOCK) {
            blocked.incrementAndGet();
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        }
        if (mode == SLEEP_ONCE) {
            target.mode(OK);
            try {
                Thread.sleep(11_000);
                return "slept";
            } catch (InterruptedException e) {
                interrupted = true;
                throw new IllegalStateException("probe interrupted");
            }
        }
        if (mode == STACK) {
            frames = StackWalker.getInstance().walk(s -> s.map(StackWalker.StackFrame::getClassName)
                    .collect(Collectors.toList()));
            return OK;
        }
        throw new IllegalArgumentException("unknown mode " + mode);
    }
}

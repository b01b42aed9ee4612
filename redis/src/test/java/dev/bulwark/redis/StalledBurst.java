package dev.bulwark.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Callers all at once on a half-open link ({@link FaultProxy#stall()}), to see how many commands a store's client
 * sends into it: with its request queue bounded, no more than the bound, however many callers; unbounded, one per
 * caller. Left stalled; the test heals it. Threads are named {@code fault-load-queue-*}.
 *
 * @param sent commands the proxy saw while stalled
 * @param granted calls that {@code call} answered true for
 * @param failures what the calls threw
 */
record StalledBurst(long sent, int granted, List<Throwable> failures) {

    /**
     * Stalls {@code proxy} and runs {@code call} on {@code callers} threads released together, which all start before
     * the first command can time out (so a test gives the store a command timeout well above the threads' start).
     */
    static StalledBurst run(FaultProxy proxy, int callers, BooleanSupplier call) throws InterruptedException {
        long before = proxy.commands();
        proxy.stall();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    granted.addAndGet(call.getAsBoolean() ? 1 : 0);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "fault-load-queue-" + i);
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        return new StalledBurst(proxy.commands() - before, granted.get(), List.copyOf(failures));
    }
}

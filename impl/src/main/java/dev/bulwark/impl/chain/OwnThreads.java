package dev.bulwark.impl.chain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads an engine makes, remembered until they end, so that a shutdown can wait for the threads
 * themselves: a pool reports itself terminated while its last worker is still returning from its run method.
 */
final class OwnThreads {

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... that this set remembers. */
    ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            threads.removeIf(t -> !t.isAlive()); // threads are made rarely: forgetting the ended ones here is cheap
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
    }

    /** Waits until every remembered thread has ended, or the deadline (a {@link System#nanoTime} reading) passed. */
    boolean join(long deadline) throws InterruptedException {
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}

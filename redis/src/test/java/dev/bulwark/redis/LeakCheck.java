package dev.bulwark.redis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The threads alive at one moment, not counting the test's own ({@code fault-*}: the proxy's and the callers'), and
 * the heap after a full GC: what a client that leaks per call or per reconnect would grow.
 */
final class LeakCheck {

    /**
     * Threads one store may start after it is warm without leaking: Lettuce's pools start their threads when first
     * used, and after the reconnects of a reset each store has one more (measured: a lettuce-eventExecutorLoop
     * thread, of a pool of 2 on 2 cores). A thread per reconnect attempt (about 11 per connection in a 2.5 s reset)
     * or per call would be far more.
     */
    static final int LAZY_PER_STORE = 2;

    private final Set<Thread> alive;

    private LeakCheck(Set<Thread> alive) {
        this.alive = alive;
    }

    static LeakCheck now() {
        return new LeakCheck(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("fault-")).collect(Collectors.toSet()));
    }

    int size() {
        return alive.size();
    }

    /** The threads alive now that were not in {@code earlier}, by name with its numbers dropped: {name=count}. */
    String grownSince(LeakCheck earlier) {
        Map<String, Integer> grown = new TreeMap<>();
        for (Thread t : alive) {
            if (!earlier.alive.contains(t)) {
                grown.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return grown.toString();
    }

    /** Waits until every thread started since this snapshot has ended, or fails naming those left. */
    void awaitBack(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<String> left = List.of();
        while (System.nanoTime() < deadline) {
            left = now().alive.stream().filter(t -> !alive.contains(t)).map(Thread::getName).sorted().toList();
            if (left.isEmpty()) {
                return;
            }
            RedisServer.sleep(20);
        }
        throw new AssertionError("threads left " + millis + " ms after the stores closed: " + left);
    }

    static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

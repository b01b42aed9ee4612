package dev.bulwark.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often each guarded method body actually ran, so tests can tell a retry from a single call. */
@ApplicationScoped
public class Attempts {

    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public int next(String key) {
        return counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public int of(String key) {
        AtomicInteger c = counts.get(key);
        return c == null ? 0 : c.get();
    }

    public void reset() {
        counts.clear();
    }
}

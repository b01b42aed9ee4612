package com.example.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The downstream the client protects: fails the next {@code n} calls on request, and remembers when it was called. */
@ApplicationScoped
public class InventoryService {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Long> calls = new CopyOnWriteArrayList<>();

    /** The next {@code count} calls fail with an {@link IllegalStateException}. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** Forgets failures still planned and calls made. */
    public void reset() {
        failuresLeft.set(0);
        calls.clear();
    }

    /** When each call came, in {@link System#nanoTime()} units. */
    public List<Long> callTimes() {
        return List.copyOf(calls);
    }

    public int stockOf(String sku) {
        calls.add(System.nanoTime());
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("inventory unavailable");
        }
        return sku.length();
    }
}

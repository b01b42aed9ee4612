package dev.bulwark.cdi.context;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A request-scoped bean first used inside an attempt, never by the caller: its context must destroy it. */
@RequestScoped
public class Scratch {

    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger DESTROYED = new AtomicInteger();

    private boolean touched;

    public void touch() {
        if (!touched) {
            touched = true;
            CREATED.incrementAndGet();
        }
    }

    @PreDestroy
    void destroyed() {
        if (touched) {
            DESTROYED.incrementAndGet();
        }
    }
}

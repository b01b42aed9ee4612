package dev.bulwark.it.quarkus.reactive;

import io.vertx.core.Context;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** One HTTP request's own state: its id, and what each attempt and fallback saw of it. */
@RequestScoped
public class RequestTrace {

    private final String id = UUID.randomUUID().toString();
    private final List<String> steps = new CopyOnWriteArrayList<>();

    public String id() {
        return id;
    }

    /** Records {@code step} with this request's id and whether it ran on a Vert.x event loop. */
    public void record(String step) {
        steps.add(step + ":" + id + ":" + (Context.isOnEventLoopThread() ? "event-loop" : Thread.currentThread().getName()));
    }

    public String steps() {
        return String.join(",", steps);
    }
}

package dev.bulwark.it.quarkus.reactive;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;

/** quarkus-rest endpoints returning Uni: they run on the event loop. */
@Path("/uni")
public class UniResource {

    @Inject
    UniService service;

    @Inject
    RequestTrace trace;

    static final AtomicInteger guardedCalls = new AtomicInteger();

    @GET
    @Path("/trace")
    public Uni<String> trace() {
        String id = trace.id();
        return service.alwaysFailing().map(steps -> id + "|" + steps);
    }

    @GET
    @Path("/timeout")
    public Uni<String> timeout() {
        return outcome(service.slow());
    }

    @GET
    @Path("/breaker")
    public Uni<String> breaker() {
        return outcome(service.broken());
    }

    @GET
    @Path("/hedged")
    public Uni<String> hedged() {
        return outcome(service.hedged());
    }

    @GET
    @Path("/adaptive")
    public Uni<String> adaptive() {
        return outcome(service.adaptive());
    }

    @GET
    @Path("/bulkhead")
    public Uni<String> bulkhead() {
        return outcome(service.held());
    }

    /** The resource method itself guarded: the fallback answers instead of a 500. */
    @GET
    @Path("/guarded")
    @Retry(maxRetries = 1, delay = 0)
    @Fallback(fallbackMethod = "rescued")
    public Uni<String> guarded() {
        return Uni.createFrom().item(() -> {
            guardedCalls.incrementAndGet();
            throw new IllegalStateException("down");
        });
    }

    Uni<String> rescued() {
        return Uni.createFrom().item("rescued after " + guardedCalls.get());
    }

    /** Blocks the event loop on purpose, to show that the blocked-thread checker is watching. */
    @GET
    @Path("/block")
    public Uni<String> block() {
        return Uni.createFrom().item(() -> {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "blocked";
        });
    }

    private static Uni<String> outcome(Uni<String> call) {
        return call.onFailure().recoverWithItem(failure -> failure.getClass().getSimpleName());
    }
}

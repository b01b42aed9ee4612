package dev.bulwark.it.app;

import dev.bulwark.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The guarded beans over HTTP, as a REST client sees them: each endpoint answers with what happened (the result,
 * or the simple name of the exception the call ended in) and how many times the method body ran.
 */
@Path("/ft")
public class FaultToleranceResource {

    @Inject
    Guarded guarded;

    @Inject
    ClassLevel classLevel;

    @Inject
    Attempts attempts;

    @Inject
    Refined refined;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    CallerContextProbe callerContext;

    @Inject
    RequestScopedState requestState;

    @GET
    @Path("/retry/{name}")
    public String retry(@PathParam("name") String name) {
        String outcome = outcome(() -> switch (name) {
            case "retried" -> guarded.retried();
            case "configured" -> guarded.configured();
            case "launchConfigured" -> guarded.launchConfigured();
            default -> throw new IllegalArgumentException(name);
        });
        return outcome + " after " + attempts.of(name) + " attempts";
    }

    @GET
    @Path("/timeout")
    public String timeout() {
        long start = System.nanoTime();
        String outcome = outcome(guarded::slow);
        return outcome + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
    }

    @GET
    @Path("/breaker/{fail}")
    public String breaker(@PathParam("fail") boolean fail) {
        return outcome(() -> guarded.breaker(fail));
    }

    @GET
    @Path("/ratelimit")
    public String rateLimit() {
        return outcome(guarded::rateLimited);
    }

    @GET
    @Path("/fallback/{who}")
    public String fallback(@PathParam("who") String who) {
        return guarded.withFallbackMethod(who) + "; " + guarded.withFallbackHandler(who);
    }

    @GET
    @Path("/async")
    public String async() throws ExecutionException, InterruptedException {
        return Thread.currentThread().getName() + " -> " + guarded.asyncStage().toCompletableFuture().get();
    }

    /** {@code caller=<request-scoped id>; <what each step of an async call saw>}. */
    @GET
    @Path("/context")
    public String context() throws ExecutionException, InterruptedException {
        CallerContextProbe.SEEN.clear();
        String caller = requestState.id(); // the caller's bean exists before the call, as state a caller set would
        String result = callerContext.failing().toCompletableFuture().get();
        return "caller=" + caller + "; " + result + "; " + String.join(",", CallerContextProbe.SEEN);
    }

    @GET
    @Path("/refined/{name}")
    public String refined(@PathParam("name") String name) {
        String outcome = outcome(() -> switch (name) {
            case "exponential" -> refined.exponential();
            case "nullTwice" -> refined.nullTwice();
            case "withBeforeRetryMethod" -> refined.withBeforeRetryMethod();
            case "preset" -> refined.preset();
            case "budgeted" -> refined.budgeted();
            default -> throw new IllegalArgumentException(name);
        });
        return outcome + " after " + attempts.of(name) + " attempts, gaps " + refined.gaps();
    }

    @GET
    @Path("/breakers/{name}")
    public String breakerState(@PathParam("name") String name) {
        return outcome(() -> breakers.currentState(name));
    }

    @POST
    @Path("/breakers/{name}/{action}")
    public String operate(@PathParam("name") String name, @PathParam("action") String action) {
        return outcome(() -> {
            switch (action) {
                case "force-open" -> breakers.forceOpen(name);
                case "force-closed" -> breakers.forceClosed(name);
                case "reset" -> breakers.reset(name);
                default -> throw new IllegalArgumentException(action);
            }
            return breakers.currentState(name);
        });
    }

    @GET
    @Path("/inventory/{fail}")
    public String inventory(@PathParam("fail") boolean fail) {
        return outcome(() -> refined.inventory(fail));
    }

    @GET
    @Path("/attempts/reset")
    public Response reset() {
        attempts.reset();
        return Response.noContent().build();
    }

    @FunctionalInterface
    interface Call {
        Object call() throws Exception;
    }

    static String outcome(Call call) {
        try {
            return String.valueOf(call.call());
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}

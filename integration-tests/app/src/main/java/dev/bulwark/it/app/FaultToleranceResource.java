package dev.bulwark.it.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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

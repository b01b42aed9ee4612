package dev.bulwark.cdi.restclient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A guarded MP Rest Client interface, served by {@link FlakyServer}. */
@RegisterRestClient
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public interface FlakyApi {

    @GET
    @Path("flaky/{key}/{failures}")
    @Retry(maxRetries = 3, delay = 10, jitter = 0)
    String retried(@PathParam("key") String key, @PathParam("failures") int failures);

    @GET
    @Path("flaky/{key}/{failures}")
    @Retry(maxRetries = 3, delay = 10, jitter = 0)
    CompletionStage<String> retriedStage(@PathParam("key") String key, @PathParam("failures") int failures);

    /** maxRetries = 1 here; the test's config sets 4 under the interface's name. */
    @GET
    @Path("flaky/{key}/{failures}")
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    String configured(@PathParam("key") String key, @PathParam("failures") int failures);

    @GET
    @Path("down/{key}")
    @Fallback(fallbackMethod = "cached")
    String withFallback(@PathParam("key") String key);

    default String cached(String key) {
        return "cached " + key;
    }

    @GET
    @Path("down/{key}")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    String broken(@PathParam("key") String key);

    @GET
    @Path("slow/{key}")
    @Timeout(200)
    String slow(@PathParam("key") String key);
}

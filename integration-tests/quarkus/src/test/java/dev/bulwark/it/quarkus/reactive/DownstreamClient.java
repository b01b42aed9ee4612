package dev.bulwark.it.quarkus.reactive;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** An MP Rest Client interface with fault-tolerance annotations, as the Quarkus fault-tolerance guide teaches. */
@RegisterRestClient(configKey = "downstream")
@Path("/downstream")
public interface DownstreamClient {

    @GET
    @Path("/flaky/{key}/{failures}")
    @Retry(maxRetries = 3, delay = 10, jitter = 0)
    String retried(@PathParam("key") String key, @PathParam("failures") int failures);

    @GET
    @Path("/flaky/{key}/{failures}")
    @Retry(maxRetries = 3, delay = 10, jitter = 0)
    CompletionStage<String> retriedStage(@PathParam("key") String key, @PathParam("failures") int failures);

    @GET
    @Path("/flaky/{key}/{failures}")
    @Retry(maxRetries = 3, delay = 10, jitter = 0)
    Uni<String> retriedUni(@PathParam("key") String key, @PathParam("failures") int failures);

    /** maxRetries = 1 here; application.properties sets 4 under the interface's name. */
    @GET
    @Path("/flaky/{key}/{failures}")
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    String configured(@PathParam("key") String key, @PathParam("failures") int failures);

    @GET
    @Path("/down/{key}")
    @Fallback(fallbackMethod = "cached")
    String withFallback(@PathParam("key") String key);

    @GET
    @Path("/down/{key}")
    @Fallback(fallbackMethod = "cachedUni")
    Uni<String> withUniFallback(@PathParam("key") String key);

    default String cached(String key) {
        return "cached " + key;
    }

    default Uni<String> cachedUni(String key) {
        return Uni.createFrom().item("cached uni " + key);
    }

    @GET
    @Path("/down/{key}")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    String broken(@PathParam("key") String key);

    @GET
    @Path("/down/{key}")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    Uni<String> brokenUni(@PathParam("key") String key);

    @GET
    @Path("/slow/{key}")
    @Timeout(300)
    String slow(@PathParam("key") String key);

    @GET
    @Path("/slow/{key}")
    @Timeout(300)
    Uni<String> slowUni(@PathParam("key") String key);

    @GET
    @Path("/slow/{key}")
    @Timeout(300)
    CompletionStage<String> slowStage(@PathParam("key") String key);
}

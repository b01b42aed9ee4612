package dev.bulwark.it.quarkus.reactive;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A REST client whose annotation is on the interface: it applies to each of the interface's methods. */
@RegisterRestClient(configKey = "downstream")
@Path("/downstream")
@Retry(maxRetries = 2, delay = 0, jitter = 0)
public interface ClassLevelClient {

    @GET
    @Path("/flaky/{key}/{failures}")
    String call(@PathParam("key") String key, @PathParam("failures") int failures);
}

package dev.bulwark.it.quarkus.reactive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The flaky service the test app serves itself, for its REST client: 503s, a slow answer, and hit counts. */
@Path("/downstream")
@ApplicationScoped
public class Downstream {

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private int hit(String key) {
        return hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** 503 for the first {@code failures} calls with this key, then 200. */
    @GET
    @Path("/flaky/{key}/{failures}")
    public Response flaky(@PathParam("key") String key, @PathParam("failures") int failures) {
        int n = hit(key);
        return n <= failures ? Response.status(503).entity("unavailable " + n).build()
                : Response.ok("ok after " + n).build();
    }

    @GET
    @Path("/down/{key}")
    public Response down(@PathParam("key") String key) {
        return Response.status(503).entity("down " + hit(key)).build();
    }

    /** Answers after 3 s (on a worker thread: the method is blocking). */
    @GET
    @Path("/slow/{key}")
    public String slow(@PathParam("key") String key) throws InterruptedException {
        hit(key);
        Thread.sleep(3_000);
        return "slow";
    }

    @GET
    @Path("/hits/{key}")
    public int hits(@PathParam("key") String key) {
        AtomicInteger n = hits.get(key);
        return n == null ? 0 : n.get();
    }
}

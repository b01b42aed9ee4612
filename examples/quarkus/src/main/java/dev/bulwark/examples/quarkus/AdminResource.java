package dev.bulwark.examples.quarkus;

import dev.bulwark.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Plays the story: switches the simulated downstream ({@code POST /admin/downstream/down}) and shows the breakers
 * through Bulwark's {@link CircuitBreakerMaintenance} bean (what an operator's tooling would use too).
 */
@Path("/admin")
@Produces(MediaType.TEXT_PLAIN)
public class AdminResource {

    @Inject
    Downstream downstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @GET
    @Path("/downstream")
    public String mode() {
        return downstream.mode().name().toLowerCase(Locale.ROOT) + "\n";
    }

    @POST
    @Path("/downstream/{mode}")
    public String switchTo(@PathParam("mode") String mode) {
        Mode next = Arrays.stream(Mode.values()).filter(m -> m.name().equalsIgnoreCase(mode)).findFirst()
                .orElseThrow(() -> new BadRequestException("modes: " + Arrays.toString(Mode.values())));
        downstream.switchTo(next);
        return mode();
    }

    /** One line per circuit breaker: its name and state (CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, FORCED_CLOSED). */
    @GET
    @Path("/breakers")
    public String breakers() {
        return new TreeSet<>(breakers.names()).stream().map(name -> name + " " + breakers.currentState(name))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Closes every breaker and forgets its counts, as after a deployment of the fixed downstream. */
    @POST
    @Path("/breakers/reset")
    public String reset() {
        breakers.resetAll();
        return breakers();
    }
}

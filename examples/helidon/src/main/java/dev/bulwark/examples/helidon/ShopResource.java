package dev.bulwark.examples.helidon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/** The shop's endpoints. The fault tolerance is on the client; the resource knows nothing of it. */
@ApplicationScoped
@Path("/shop")
@Produces(MediaType.TEXT_PLAIN)
public class ShopResource {

    @Inject
    InventoryClient inventory;

    @GET
    @Path("/stock/{sku}")
    public String stock(@PathParam("sku") String sku) throws InterruptedException {
        return inventory.stock(sku) + "\n";
    }

    /** Jersey answers when the stage completes. */
    @GET
    @Path("/price/{sku}")
    public CompletionStage<String> price(@PathParam("sku") String sku) throws InterruptedException {
        return inventory.price(sku).thenApply(line -> line + "\n");
    }
}

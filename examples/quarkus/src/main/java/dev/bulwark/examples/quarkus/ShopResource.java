package dev.bulwark.examples.quarkus;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The shop's endpoints. The fault tolerance is on the clients; the resource knows nothing of it. */
@Path("/shop")
@Produces(MediaType.TEXT_PLAIN)
public class ShopResource {

    @Inject
    InventoryClient inventory;

    @Inject
    ShippingClient shipping;

    /** Returns a plain value: quarkus-rest calls it on a worker thread. */
    @GET
    @Path("/stock/{sku}")
    public String stock(@PathParam("sku") String sku) throws InterruptedException {
        return inventory.stock(sku) + "\n";
    }

    /** Returns a Uni: quarkus-rest calls it on the event loop and nothing blocks. */
    @GET
    @Path("/price/{sku}")
    public Uni<String> price(@PathParam("sku") String sku) {
        return inventory.price(sku).map(line -> line + "\n");
    }

    @GET
    @Path("/shipping/{sku}")
    public String shipping(@PathParam("sku") String sku) throws InterruptedException {
        return shipping.quote(sku) + "\n";
    }
}

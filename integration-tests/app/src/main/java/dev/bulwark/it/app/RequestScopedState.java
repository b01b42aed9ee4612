package dev.bulwark.it.app;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** A request-scoped bean: usable on an @Asynchronous method's thread only if a request context is active there. */
@RequestScoped
public class RequestScopedState {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}

package dev.bulwark.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;

/**
 * Activates a request context around one asynchronous attempt. A {@link RequestContextController} remembers
 * whether it activated the context, so each attempt needs one of its own; ArC offers the controller only to
 * injection points, not to programmatic lookup, so this dependent bean is what the attempt looks up.
 */
@Dependent
public class RequestContextActivator {

    @Inject
    RequestContextController controller;

    /** Activates the request context on this thread unless one is active; true if this call activated it. */
    boolean activate() {
        return controller.activate();
    }

    void deactivate() {
        controller.deactivate();
    }
}

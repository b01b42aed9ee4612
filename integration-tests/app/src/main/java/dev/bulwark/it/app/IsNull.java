package dev.bulwark.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Predicate;

/** A bean with an injected field: the container's instance must be the one asked, on every runtime. */
@ApplicationScoped
public class IsNull implements Predicate<Object> {

    @Inject
    Attempts attempts;

    @Override
    public boolean test(Object result) {
        attempts.next("isNull");
        return result == null;
    }
}

package dev.bulwark.benchmarks.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** The trivial method with no fault tolerance: what the proxy alone costs. */
@ApplicationScoped
public class PlainService implements Supplier<String> {

    private volatile String value = "ok";

    @Override
    public String get() {
        return value;
    }
}
